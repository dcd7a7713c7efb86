package org.jxapi.shell.vdi;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ParamGetCommandSupport;

@Service
@Command(scope = "xe", name = "vdi-param-get", description = "Show one parameter of one VDI: uuid=<uuid> param-name=<name> [param-key=<map key>]")
public class VdiParamGetCommand extends ParamGetCommandSupport {
    @Override
    protected String className() {
        return "VDI";
    }
}
