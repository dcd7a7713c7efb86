package org.jxapi.shell.vbd;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.SimpleOperationSupport;

@Service
@Command(scope = "xe", name = "vbd-destroy", description = "Destroy a virtual block device (unplugged): uuid=<uuid>")
public class VbdDestroyCommand extends SimpleOperationSupport {
    @Override
    protected String className() {
        return "VBD";
    }

    @Override
    protected String message() {
        return "destroy";
    }
}
