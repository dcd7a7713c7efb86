package org.jxapi.shell.vif;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.SimpleOperationSupport;

@Service
@Command(scope = "xe", name = "vif-destroy", description = "Destroy a virtual network interface (unplugged): uuid=<uuid>")
public class VifDestroyCommand extends SimpleOperationSupport {
    @Override
    protected String className() {
        return "VIF";
    }

    @Override
    protected String message() {
        return "destroy";
    }
}
