package org.jxapi.shell.vdi;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.Selection;
import org.jxapi.shell.support.Sizes;
import org.jxapi.shell.support.Xe;
import org.jxapi.shell.support.XeArgs;
import org.jxapi.shell.support.XeCommandSupport;
import org.jxapi.xenapi.model.Ref;

@Service
@Command(scope = "xe", name = "vdi-create", description = "Create a virtual disk: sr-uuid=<sr> name-label=<name> virtual-size=<bytes or 10GiB> [type=user] [sharable=false] [read-only=false] [sm-config:<k>=<v>]; prints the VDI's uuid")
public class VdiCreateCommand extends XeCommandSupport {
    @Override
    protected void run(Xe xe, XeArgs args) throws Exception {
        Ref<?> sr = Selection.one(xe, "SR", args.require("sr-uuid"));
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("SR", sr.handle());
        record.put("name_label", args.require("name-label"));
        record.put("name_description", args.take("name-description").orElse(""));
        record.put("virtual_size", Sizes.parse(args.require("virtual-size"), "virtual-size"));
        record.put("type", args.take("type").orElse("user"));
        record.put("sharable", Boolean.parseBoolean(args.take("sharable").orElse("false")));
        record.put("read_only", Boolean.parseBoolean(args.take("read-only").orElse("false")));
        record.put("other_config", Map.of());
        record.put("sm_config", args.takePrefixed("sm-config"));
        record.put("xenstore_data", Map.of());
        record.put("tags", java.util.List.of());
        args.requireEmpty();
        Ref<?> vdi = (Ref<?>) xe.task("VDI.create", record);
        System.out.println(xe.uuidOf("VDI", vdi).orElse(vdi.handle()));
    }
}
