package org.jxapi.shell.network;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.Selection;
import org.jxapi.shell.support.Xe;
import org.jxapi.shell.support.XeArgs;
import org.jxapi.shell.support.XeCommandSupport;
import org.jxapi.xenapi.model.Ref;

@Service
@Command(scope = "xe", name = "pif-scan", description = "Make PIFs for a host's NICs that have none: host-uuid=<host>")
public class PifScanCommand extends XeCommandSupport {
    @Override
    protected void run(Xe xe, XeArgs args) throws Exception {
        Ref<?> host = Selection.one(xe, "host", args.require("host-uuid"));
        args.requireEmpty();
        xe.task("PIF.scan", host);
    }
}
