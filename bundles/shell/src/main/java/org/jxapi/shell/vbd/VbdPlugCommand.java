package org.jxapi.shell.vbd;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.SimpleOperationSupport;

@Service
@Command(scope = "xe", name = "vbd-plug", description = "Attach a VBD to its running VM: uuid=<uuid>")
public class VbdPlugCommand extends SimpleOperationSupport {
    @Override
    protected String className() {
        return "VBD";
    }

    @Override
    protected String message() {
        return "plug";
    }
}
