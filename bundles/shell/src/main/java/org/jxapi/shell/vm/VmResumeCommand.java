package org.jxapi.shell.vm;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.VmOperationSupport;
import org.jxapi.shell.support.Xe;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiRecord;

@Service
@Command(scope = "xe", name = "vm-resume", description = "Resume suspended VMs: vm=<name or uuid> [--paused] [--force]")
public class VmResumeCommand extends VmOperationSupport {
    @Option(name = "--paused", description = "Leave the VM paused once resumed")
    boolean paused;

    @Option(name = "--force", description = "Resume even if the recorded state says otherwise")
    boolean force;

    @Override
    protected void apply(Xe xe, Ref<?> vm, XenApiRecord record) throws Exception {
        xe.task("VM.resume", vm, paused, force);
    }
}
