package org.jxapi.shell.sr;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.SimpleOperationSupport;

@Service
@Command(scope = "xe", name = "pbd-plug", description = "Attach an SR to its host: uuid=<uuid>")
public class PbdPlugCommand extends SimpleOperationSupport {
    @Override
    protected String className() {
        return "PBD";
    }

    @Override
    protected String message() {
        return "plug";
    }
}
