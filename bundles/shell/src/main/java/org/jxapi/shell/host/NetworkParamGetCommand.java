package org.jxapi.shell.host;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ParamGetCommandSupport;

@Service
@Command(scope = "xe", name = "network-param-get", description = "Show one parameter of one network: uuid=<uuid> param-name=<name> [param-key=<map key>]")
public class NetworkParamGetCommand extends ParamGetCommandSupport {
    @Override
    protected String className() {
        return "network";
    }
}
