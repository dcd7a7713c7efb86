package org.jxapi.shell.host;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ParamListCommandSupport;

@Service
@Command(scope = "xe", name = "host-param-list", description = "Show every parameter of one host: uuid=<uuid>")
public class HostParamListCommand extends ParamListCommandSupport {
    @Override
    protected String className() {
        return "host";
    }
}
