package org.jxapi.shell.pool;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ParamSetCommandSupport;

@Service
@Command(scope = "xe", name = "pool-param-set", description = "Set parameters of one pool: uuid=<uuid> <name>=<value> <map>:<key>=<value> ...")
public class PoolParamSetCommand extends ParamSetCommandSupport {
    @Override
    protected String className() {
        return "pool";
    }
}
