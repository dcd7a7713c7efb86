package org.jxapi.shell.network;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.SimpleOperationSupport;

@Service
@Command(scope = "xe", name = "pif-plug", description = "Bring a PIF up through networkd: uuid=<uuid>")
public class PifPlugCommand extends SimpleOperationSupport {
    @Override
    protected String className() {
        return "PIF";
    }

    @Override
    protected String message() {
        return "plug";
    }
}
