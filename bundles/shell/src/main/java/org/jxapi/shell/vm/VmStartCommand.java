package org.jxapi.shell.vm;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.Selection;
import org.jxapi.shell.support.VmOperationSupport;
import org.jxapi.shell.support.Xe;
import org.jxapi.shell.support.XeArgs;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiRecord;

@Service
@Command(scope = "xe", name = "vm-start", description = "Start VMs: vm=<name or uuid> [on=<host>] [--paused] [--force]")
public class VmStartCommand extends VmOperationSupport {
    @Option(name = "--paused", description = "Leave the VM paused once started")
    boolean paused;

    @Option(name = "--force", description = "Start even if the VM's last recorded state says otherwise")
    boolean force;

    private Ref<?> host;

    @Override
    protected void prepare(Xe xe, XeArgs args) throws Exception {
        String on = args.take("on").orElse(null);
        host = on == null ? null : Selection.one(xe, "host", on);
    }

    @Override
    protected void apply(Xe xe, Ref<?> vm, XenApiRecord record) throws Exception {
        if (host == null) {
            xe.task("VM.start", vm, paused, force);
        } else {
            xe.task("VM.start_on", vm, host, paused, force);
        }
    }
}
