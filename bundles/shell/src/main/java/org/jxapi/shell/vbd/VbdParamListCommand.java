package org.jxapi.shell.vbd;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ParamListCommandSupport;

@Service
@Command(scope = "xe", name = "vbd-param-list", description = "Show every parameter of one VBD: uuid=<uuid>")
public class VbdParamListCommand extends ParamListCommandSupport {
    @Override
    protected String className() {
        return "VBD";
    }
}
