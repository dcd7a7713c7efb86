package org.jxapi.shell.host;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ParamListCommandSupport;

@Service
@Command(scope = "xe", name = "network-param-list", description = "Show every parameter of one network: uuid=<uuid>")
public class NetworkParamListCommand extends ParamListCommandSupport {
    @Override
    protected String className() {
        return "network";
    }
}
