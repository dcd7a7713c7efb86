package org.jxapi.shell.vm;

import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.Selection;
import org.jxapi.shell.support.VmOperationSupport;
import org.jxapi.shell.support.Xe;
import org.jxapi.shell.support.XeArgs;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiRecord;

@Service
@Command(scope = "xe", name = "vm-migrate", description = "Migrate running VMs to a host of the pool: vm=<name or uuid> host=<name or uuid>")
public class VmMigrateCommand extends VmOperationSupport {
    private Ref<?> host;

    @Override
    protected void prepare(Xe xe, XeArgs args) throws Exception {
        host = Selection.one(xe, "host", args.require("host"));
        args.take("live");
    }

    @Override
    protected void apply(Xe xe, Ref<?> vm, XenApiRecord record) throws Exception {
        xe.task("VM.pool_migrate", vm, host, Map.of("live", "true"));
    }
}
