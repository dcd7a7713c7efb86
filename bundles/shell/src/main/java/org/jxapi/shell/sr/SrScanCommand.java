package org.jxapi.shell.sr;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.SimpleOperationSupport;

@Service
@Command(scope = "xe", name = "sr-scan", description = "Rescan an SR for disks and sizes: uuid=<uuid>")
public class SrScanCommand extends SimpleOperationSupport {
    @Override
    protected String className() {
        return "SR";
    }

    @Override
    protected String message() {
        return "scan";
    }
}
