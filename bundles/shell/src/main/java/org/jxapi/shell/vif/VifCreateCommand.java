package org.jxapi.shell.vif;

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
@Command(scope = "xe", name = "vif-create", description = "Give a VM a network interface: vm-uuid=<vm> network-uuid=<network> device=<n> [mac=<address>] [mtu=1500]; prints the VIF's uuid")
public class VifCreateCommand extends XeCommandSupport {
    @Override
    protected void run(Xe xe, XeArgs args) throws Exception {
        Ref<?> vm = Selection.one(xe, "VM", args.require("vm-uuid"));
        Ref<?> network = Selection.one(xe, "network", args.require("network-uuid"));
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("VM", vm.handle());
        record.put("network", network.handle());
        record.put("device", args.require("device"));
        record.put("MAC", args.take("mac").orElse(""));
        record.put("MTU", Long.parseLong(args.take("mtu").orElse("1500")));
        record.put("other_config", Map.of());
        record.put("qos_algorithm_type", "");
        record.put("qos_algorithm_params", Map.of());
        args.requireEmpty();
        Ref<?> vif = (Ref<?>) xe.call("VIF.create", record);
        System.out.println(xe.uuidOf("VIF", vif).orElse(vif.handle()));
    }
}
