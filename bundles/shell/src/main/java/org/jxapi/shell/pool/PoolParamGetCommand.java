package org.jxapi.shell.pool;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ParamGetCommandSupport;

@Service
@Command(scope = "xe", name = "pool-param-get", description = "Show one parameter of one pool: uuid=<uuid> param-name=<name> [param-key=<map key>]")
public class PoolParamGetCommand extends ParamGetCommandSupport {
    @Override
    protected String className() {
        return "pool";
    }
}
