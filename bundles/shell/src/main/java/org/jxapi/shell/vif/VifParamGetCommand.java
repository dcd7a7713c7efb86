package org.jxapi.shell.vif;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ParamGetCommandSupport;

@Service
@Command(scope = "xe", name = "vif-param-get", description = "Show one parameter of one VIF: uuid=<uuid> param-name=<name> [param-key=<map key>]")
public class VifParamGetCommand extends ParamGetCommandSupport {
    @Override
    protected String className() {
        return "VIF";
    }
}
