package org.jxapi.shell.host;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ParamSetCommandSupport;

@Service
@Command(scope = "xe", name = "host-param-set", description = "Set parameters of one host: uuid=<uuid> <name>=<value> <map>:<key>=<value> ...")
public class HostParamSetCommand extends ParamSetCommandSupport {
    @Override
    protected String className() {
        return "host";
    }
}
