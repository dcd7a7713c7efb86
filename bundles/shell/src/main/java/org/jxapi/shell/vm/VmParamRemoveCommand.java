package org.jxapi.shell.vm;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ParamRemoveCommandSupport;

@Service
@Command(scope = "xe", name = "vm-param-remove", description = "Remove from a set or map parameter of one VM: uuid=<uuid> param-name=<name> param-key=<item or key>")
public class VmParamRemoveCommand extends ParamRemoveCommandSupport {
    @Override
    protected String className() {
        return "VM";
    }
}
