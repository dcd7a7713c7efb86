package org.jxapi.shell.vbd;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.Selection;
import org.jxapi.shell.support.Xe;
import org.jxapi.shell.support.XeArgs;
import org.jxapi.shell.support.XeCommandSupport;
import org.jxapi.xenapi.model.Ref;

@Service
@Command(scope = "xe", name = "vbd-create", description = "Connect a disk (or an empty CD drive) to a VM: vm-uuid=<vm> [vdi-uuid=<vdi>] device=<n> [type=Disk|CD] [mode=RW|RO] [bootable=false]; prints the VBD's uuid")
public class VbdCreateCommand extends XeCommandSupport {
    @Override
    protected void run(Xe xe, XeArgs args) throws Exception {
        Ref<?> vm = Selection.one(xe, "VM", args.require("vm-uuid"));
        String vdi = args.take("vdi-uuid").orElse(null);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("VM", vm.handle());
        record.put("VDI", vdi == null ? Ref.NULL_HANDLE : xe.byUuid("VDI", vdi).handle());
        record.put("userdevice", args.require("device"));
        record.put("type", args.take("type").orElse(vdi == null ? "CD" : "Disk"));
        record.put("mode", args.take("mode").orElse("RW"));
        record.put("bootable", Boolean.parseBoolean(args.take("bootable").orElse("false")));
        record.put("empty", vdi == null);
        record.put("unpluggable", Boolean.parseBoolean(args.take("unpluggable").orElse("true")));
        record.put("other_config", Map.of());
        record.put("qos_algorithm_type", "");
        record.put("qos_algorithm_params", Map.of());
        args.requireEmpty();
        Ref<?> vbd = (Ref<?>) xe.call("VBD.create", record);
        System.out.println(xe.uuidOf("VBD", vbd).orElse(vbd.handle()));
    }
}
