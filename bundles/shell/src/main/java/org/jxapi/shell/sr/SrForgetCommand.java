package org.jxapi.shell.sr;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.SimpleOperationSupport;

@Service
@Command(scope = "xe", name = "sr-forget", description = "Forget an SR: its records go, its data stays: uuid=<uuid>")
public class SrForgetCommand extends SimpleOperationSupport {
    @Override
    protected String className() {
        return "SR";
    }

    @Override
    protected String message() {
        return "forget";
    }
}
