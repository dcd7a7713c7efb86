package org.jxapi.shell.vdi;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ParamRemoveCommandSupport;

@Service
@Command(scope = "xe", name = "vdi-param-remove", description = "Remove from a set or map parameter of one VDI: uuid=<uuid> param-name=<name> param-key=<item or key>")
public class VdiParamRemoveCommand extends ParamRemoveCommandSupport {
    @Override
    protected String className() {
        return "VDI";
    }
}
