package org.jxapi.shell.network;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.Xe;
import org.jxapi.shell.support.XeArgs;
import org.jxapi.shell.support.XeCommandSupport;
import org.jxapi.xenapi.model.Ref;

@Service
@Command(scope = "xe", name = "network-create", description = "Make a network (its bridge is xapi<N> unless bridge= is given): name-label=<name> [name-description=<text>] [MTU=1500] [bridge=<name>]; prints its uuid")
public class NetworkCreateCommand extends XeCommandSupport {
    @Override
    protected void run(Xe xe, XeArgs args) throws Exception {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("name_label", args.require("name-label"));
        record.put("name_description", args.take("name-description").orElse(""));
        record.put("MTU", Long.parseLong(args.take("MTU").or(() -> args.take("mtu")).orElse("1500")));
        record.put("other_config", Map.of());
        args.take("bridge").ifPresent(b -> record.put("bridge", b));
        args.requireEmpty();
        Ref<?> network = (Ref<?>) xe.call("network.create", record);
        System.out.println(xe.uuidOf("network", network).orElse(network.handle()));
    }
}
