package org.jxapi.shell.sr;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.SimpleOperationSupport;

@Service
@Command(scope = "xe", name = "sr-destroy", description = "Destroy an SR and everything on it (its PBDs must be unplugged): uuid=<uuid>")
public class SrDestroyCommand extends SimpleOperationSupport {
    @Override
    protected String className() {
        return "SR";
    }

    @Override
    protected String message() {
        return "destroy";
    }
}
