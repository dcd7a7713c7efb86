package org.jxapi.shell.vm;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.VmOperationSupport;
import org.jxapi.shell.support.Xe;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiRecord;

@Service
@Command(scope = "xe", name = "vm-unpause", description = "Unpause paused VMs: vm=<name or uuid>")
public class VmUnpauseCommand extends VmOperationSupport {
    @Override
    protected void apply(Xe xe, Ref<?> vm, XenApiRecord record) throws Exception {
        xe.task("VM.unpause", vm);
    }
}
