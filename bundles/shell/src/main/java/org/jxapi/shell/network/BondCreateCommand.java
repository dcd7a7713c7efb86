package org.jxapi.shell.network;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.Selection;
import org.jxapi.shell.support.Xe;
import org.jxapi.shell.support.XeArgs;
import org.jxapi.shell.support.XeCommandSupport;
import org.jxapi.shell.support.XeErrors;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.types.BondMode;

@Service
@Command(scope = "xe", name = "bond-create", description = "Bond 2 to 4 PIFs of one host: network-uuid=<network> pif-uuids=<a,b,...> [mac=<address>] [mode=balance-slb|active-backup|lacp] [properties:<key>=<value>]; prints the bond's uuid")
public class BondCreateCommand extends XeCommandSupport {
    @Override
    protected void run(Xe xe, XeArgs args) throws Exception {
        Ref<?> network = Selection.one(xe, "network", args.require("network-uuid"));
        Set<Ref<?>> members = new LinkedHashSet<>();
        for (String u : args.require("pif-uuids").split(",")) {
            members.add(Selection.one(xe, "PIF", u.trim()));
        }
        String m = args.take("mode").orElse("balance-slb");
        BondMode mode = BondMode.fromWire(m);
        if (mode == null) {
            throw XeErrors.error("Error: mode must be balance-slb, active-backup or lacp, not " + m);
        }
        String mac = args.take("mac").orElse("");
        Map<String, String> properties = args.takePrefixed("properties:");
        args.requireEmpty();
        Ref<?> bond = (Ref<?>) xe.task("Bond.create", network, members, mac, mode, properties);
        System.out.println(xe.uuidOf("Bond", bond).orElse(bond.handle()));
    }
}
