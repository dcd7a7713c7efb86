package org.jxapi.shell.vm;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.VmOperationSupport;
import org.jxapi.shell.support.Xe;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiRecord;

@Service
@Command(scope = "xe", name = "vm-suspend", description = "Suspend VMs to disk: vm=<name or uuid>")
public class VmSuspendCommand extends VmOperationSupport {
    @Override
    protected void apply(Xe xe, Ref<?> vm, XenApiRecord record) throws Exception {
        xe.task("VM.suspend", vm);
    }
}
