package org.jxapi.shell.host;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ParamGetCommandSupport;

@Service
@Command(scope = "xe", name = "host-param-get", description = "Show one parameter of one host: uuid=<uuid> param-name=<name> [param-key=<map key>]")
public class HostParamGetCommand extends ParamGetCommandSupport {
    @Override
    protected String className() {
        return "host";
    }
}
