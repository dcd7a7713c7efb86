package org.jxapi.shell.vbd;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ParamGetCommandSupport;

@Service
@Command(scope = "xe", name = "vbd-param-get", description = "Show one parameter of one VBD: uuid=<uuid> param-name=<name> [param-key=<map key>]")
public class VbdParamGetCommand extends ParamGetCommandSupport {
    @Override
    protected String className() {
        return "VBD";
    }
}
