package org.jxapi.shell.vm;

import java.util.Set;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.VmOperationSupport;
import org.jxapi.shell.support.Xe;
import org.jxapi.shell.support.XeArgs;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiRecord;

@Service
@Command(scope = "xe", name = "vm-snapshot", description = "Snapshot a VM and its disks: vm=<name or uuid> new-name-label=<name>; prints the snapshot's uuid")
public class VmSnapshotCommand extends VmOperationSupport {
    private String name;

    @Override
    protected void prepare(Xe xe, XeArgs args) throws Exception {
        name = args.require("new-name-label");
    }

    @Override
    protected void apply(Xe xe, Ref<?> vm, XenApiRecord record) throws Exception {
        Ref<?> snapshot = (Ref<?>) xe.task("VM.snapshot", vm, name, Set.of());
        System.out.println(xe.uuidOf("VM", snapshot).orElse(snapshot.handle()));
    }
}
