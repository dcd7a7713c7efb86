package org.jxapi.shell.vdi;

import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.OperationCommandSupport;
import org.jxapi.shell.support.Xe;
import org.jxapi.shell.support.XeArgs;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiRecord;

@Service
@Command(scope = "xe", name = "vdi-snapshot", description = "Snapshot a virtual disk: uuid=<vdi> [driver-params:<k>=<v>]; prints the new VDI's uuid")
public class VdiSnapshotCommand extends OperationCommandSupport {
    private Map<String, String> driverParams;

    @Override
    protected String className() {
        return "VDI";
    }

    @Override
    protected void prepare(Xe xe, XeArgs args) {
        driverParams = args.takePrefixed("driver-params");
    }

    @Override
    protected void apply(Xe xe, Ref<?> vdi, XenApiRecord record) throws Exception {
        Ref<?> made = (Ref<?>) xe.task("VDI.snapshot", vdi, driverParams);
        System.out.println(xe.uuidOf("VDI", made).orElse(made.handle()));
    }
}
