package org.jxapi.shell.network;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.SimpleOperationSupport;

@Service
@Command(scope = "xe", name = "vlan-destroy", description = "Destroy a VLAN and its untagged PIF: uuid=<vlan uuid>")
public class VlanDestroyCommand extends SimpleOperationSupport {
    @Override
    protected String className() {
        return "VLAN";
    }

    @Override
    protected String message() {
        return "destroy";
    }
}
