package org.jxapi.shell.network;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.SimpleOperationSupport;

@Service
@Command(scope = "xe", name = "network-destroy", description = "Destroy a network that has no PIFs and no plugged VIFs: uuid=<uuid>")
public class NetworkDestroyCommand extends SimpleOperationSupport {
    @Override
    protected String className() {
        return "network";
    }

    @Override
    protected String message() {
        return "destroy";
    }
}
