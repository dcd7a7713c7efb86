package org.jxapi.shell.vm;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.VmOperationSupport;
import org.jxapi.shell.support.Xe;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiRecord;

@Service
@Command(scope = "xe", name = "vm-reboot", description = "Reboot VMs cleanly, or at once with --force")
public class VmRebootCommand extends VmOperationSupport {
    @Option(name = "--force", description = "Hard reboot: reset the VM without asking the guest")
    boolean force;

    @Override
    protected void apply(Xe xe, Ref<?> vm, XenApiRecord record) throws Exception {
        xe.task(force ? "VM.hard_reboot" : "VM.clean_reboot", vm);
    }
}
