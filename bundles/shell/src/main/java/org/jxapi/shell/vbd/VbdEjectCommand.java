package org.jxapi.shell.vbd;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.SimpleOperationSupport;

@Service
@Command(scope = "xe", name = "vbd-eject", description = "Eject the disc from a CD drive: uuid=<uuid>")
public class VbdEjectCommand extends SimpleOperationSupport {
    @Override
    protected String className() {
        return "VBD";
    }

    @Override
    protected String message() {
        return "eject";
    }
}
