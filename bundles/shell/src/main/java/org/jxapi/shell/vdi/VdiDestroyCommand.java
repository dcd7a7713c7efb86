package org.jxapi.shell.vdi;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.SimpleOperationSupport;

@Service
@Command(scope = "xe", name = "vdi-destroy", description = "Destroy a virtual disk and its data: uuid=<uuid>")
public class VdiDestroyCommand extends SimpleOperationSupport {
    @Override
    protected String className() {
        return "VDI";
    }

    @Override
    protected String message() {
        return "destroy";
    }
}
