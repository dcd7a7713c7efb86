package org.jxapi.shell.vdi;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.OperationCommandSupport;
import org.jxapi.shell.support.Sizes;
import org.jxapi.shell.support.Xe;
import org.jxapi.shell.support.XeArgs;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiRecord;

@Service
@Command(scope = "xe", name = "vdi-resize", description = "Grow a virtual disk: uuid=<vdi> disk-size=<bytes or 20GiB>")
public class VdiResizeCommand extends OperationCommandSupport {
    private long size;

    @Override
    protected String className() {
        return "VDI";
    }

    @Override
    protected void prepare(Xe xe, XeArgs args) throws Exception {
        size = Sizes.parse(args.require("disk-size"), "disk-size");
    }

    @Override
    protected void apply(Xe xe, Ref<?> vdi, XenApiRecord record) throws Exception {
        xe.task("VDI.resize", vdi, size);
    }
}
