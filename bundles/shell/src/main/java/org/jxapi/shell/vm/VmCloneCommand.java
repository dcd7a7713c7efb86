package org.jxapi.shell.vm;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.VmOperationSupport;
import org.jxapi.shell.support.Xe;
import org.jxapi.shell.support.XeArgs;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiRecord;

@Service
@Command(scope = "xe", name = "vm-clone", description = "Clone a halted VM (fast, sharing disks copy-on-write): vm=<name or uuid> new-name-label=<name>; prints the new VM's uuid")
public class VmCloneCommand extends VmOperationSupport {
    private String name;

    @Override
    protected void prepare(Xe xe, XeArgs args) throws Exception {
        name = args.require("new-name-label");
    }

    @Override
    protected void apply(Xe xe, Ref<?> vm, XenApiRecord record) throws Exception {
        Ref<?> copy = (Ref<?>) xe.task("VM.clone", vm, name);
        System.out.println(xe.uuidOf("VM", copy).orElse(copy.handle()));
    }
}
