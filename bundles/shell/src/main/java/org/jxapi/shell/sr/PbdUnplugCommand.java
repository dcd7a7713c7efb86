package org.jxapi.shell.sr;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.SimpleOperationSupport;

@Service
@Command(scope = "xe", name = "pbd-unplug", description = "Detach an SR from its host: uuid=<uuid>")
public class PbdUnplugCommand extends SimpleOperationSupport {
    @Override
    protected String className() {
        return "PBD";
    }

    @Override
    protected String message() {
        return "unplug";
    }
}
