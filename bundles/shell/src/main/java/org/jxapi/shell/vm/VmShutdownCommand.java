package org.jxapi.shell.vm;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.VmOperationSupport;
import org.jxapi.shell.support.Xe;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiRecord;

@Service
@Command(scope = "xe", name = "vm-shutdown", description = "Shut VMs down cleanly (the guest cooperates), or at once with --force")
public class VmShutdownCommand extends VmOperationSupport {
    @Option(name = "--force", description = "Hard shutdown: power the VM off without asking the guest")
    boolean force;

    @Override
    protected void apply(Xe xe, Ref<?> vm, XenApiRecord record) throws Exception {
        xe.task(force ? "VM.hard_shutdown" : "VM.clean_shutdown", vm);
    }
}
