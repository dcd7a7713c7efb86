package org.jxapi.shell.network;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.SimpleOperationSupport;

@Service
@Command(scope = "xe", name = "bond-destroy", description = "Destroy a bond; its members get back their configuration: uuid=<bond uuid>")
public class BondDestroyCommand extends SimpleOperationSupport {
    @Override
    protected String className() {
        return "Bond";
    }

    @Override
    protected String message() {
        return "destroy";
    }
}
