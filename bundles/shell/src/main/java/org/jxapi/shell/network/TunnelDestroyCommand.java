package org.jxapi.shell.network;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.SimpleOperationSupport;

@Service
@Command(scope = "xe", name = "tunnel-destroy", description = "Destroy a tunnel and its access PIF: uuid=<tunnel uuid>")
public class TunnelDestroyCommand extends SimpleOperationSupport {
    @Override
    protected String className() {
        return "tunnel";
    }

    @Override
    protected String message() {
        return "destroy";
    }
}
