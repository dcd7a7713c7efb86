package org.jxapi.shell.network;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.SimpleOperationSupport;

@Service
@Command(scope = "xe", name = "pif-unplug", description = "Bring a PIF down (not the management one, nor one that disallows unplug): uuid=<uuid>")
public class PifUnplugCommand extends SimpleOperationSupport {
    @Override
    protected String className() {
        return "PIF";
    }

    @Override
    protected String message() {
        return "unplug";
    }
}
