package org.jxapi.shell.pool;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ParamListCommandSupport;

@Service
@Command(scope = "xe", name = "pool-param-list", description = "Show every parameter of one pool: uuid=<uuid>")
public class PoolParamListCommand extends ParamListCommandSupport {
    @Override
    protected String className() {
        return "pool";
    }
}
