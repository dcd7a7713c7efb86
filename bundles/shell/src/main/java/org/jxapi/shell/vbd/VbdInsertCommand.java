package org.jxapi.shell.vbd;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.OperationCommandSupport;
import org.jxapi.shell.support.Xe;
import org.jxapi.shell.support.XeArgs;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiRecord;

@Service
@Command(scope = "xe", name = "vbd-insert", description = "Insert a disc (an ISO VDI) into an empty CD drive: uuid=<vbd> vdi-uuid=<vdi>")
public class VbdInsertCommand extends OperationCommandSupport {
    private Ref<?> vdi;

    @Override
    protected String className() {
        return "VBD";
    }

    @Override
    protected void prepare(Xe xe, XeArgs args) throws Exception {
        vdi = xe.byUuid("VDI", args.require("vdi-uuid"));
    }

    @Override
    protected void apply(Xe xe, Ref<?> vbd, XenApiRecord record) throws Exception {
        xe.task("VBD.insert", vbd, vdi);
    }
}
