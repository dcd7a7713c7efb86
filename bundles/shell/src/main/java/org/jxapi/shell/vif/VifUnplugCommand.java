package org.jxapi.shell.vif;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.SimpleOperationSupport;

@Service
@Command(scope = "xe", name = "vif-unplug", description = "Detach a VIF from its running VM: uuid=<uuid>")
public class VifUnplugCommand extends SimpleOperationSupport {
    @Override
    protected String className() {
        return "VIF";
    }

    @Override
    protected String message() {
        return "unplug";
    }
}
