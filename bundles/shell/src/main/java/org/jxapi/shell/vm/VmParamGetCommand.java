package org.jxapi.shell.vm;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ParamGetCommandSupport;

@Service
@Command(scope = "xe", name = "vm-param-get", description = "Show one parameter of one VM: uuid=<uuid> param-name=<name> [param-key=<map key>]")
public class VmParamGetCommand extends ParamGetCommandSupport {
    @Override
    protected String className() {
        return "VM";
    }
}
