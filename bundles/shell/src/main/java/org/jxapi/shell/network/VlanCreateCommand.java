package org.jxapi.shell.network;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.Selection;
import org.jxapi.shell.support.Xe;
import org.jxapi.shell.support.XeArgs;
import org.jxapi.shell.support.XeCommandSupport;
import org.jxapi.shell.support.XeErrors;
import org.jxapi.xenapi.model.Ref;

@Service
@Command(scope = "xe", name = "vlan-create", description = "Make a VLAN on a PIF: pif-uuid=<tagged PIF> vlan=<0-4094> network-uuid=<network>; prints the VLAN's uuid")
public class VlanCreateCommand extends XeCommandSupport {
    @Override
    protected void run(Xe xe, XeArgs args) throws Exception {
        Ref<?> pif = Selection.one(xe, "PIF", args.require("pif-uuid"));
        Ref<?> network = Selection.one(xe, "network", args.require("network-uuid"));
        long tag = number(args.require("vlan"));
        args.requireEmpty();
        Ref<?> vlan = (Ref<?>) xe.task("VLAN.create", pif, tag, network);
        System.out.println(xe.uuidOf("VLAN", vlan).orElse(vlan.handle()));
    }

    static long number(String s) throws org.apache.karaf.shell.support.CommandException {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw XeErrors.error("Error: vlan must be a number, not " + s);
        }
    }
}
