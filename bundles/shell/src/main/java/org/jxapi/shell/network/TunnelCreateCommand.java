package org.jxapi.shell.network;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.Selection;
import org.jxapi.shell.support.Xe;
import org.jxapi.shell.support.XeArgs;
import org.jxapi.shell.support.XeCommandSupport;
import org.jxapi.shell.support.XeErrors;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.types.TunnelProtocol;

@Service
@Command(scope = "xe", name = "tunnel-create", description = "Make a tunnel (Open vSwitch only) over a configured PIF: pif-uuid=<transport PIF> network-uuid=<network> [protocol=gre|vxlan]; prints the tunnel's uuid")
public class TunnelCreateCommand extends XeCommandSupport {
    @Override
    protected void run(Xe xe, XeArgs args) throws Exception {
        Ref<?> pif = Selection.one(xe, "PIF", args.require("pif-uuid"));
        Ref<?> network = Selection.one(xe, "network", args.require("network-uuid"));
        String p = args.take("protocol").orElse("gre");
        TunnelProtocol protocol = TunnelProtocol.fromWire(p);
        if (protocol == null) {
            throw XeErrors.error("Error: protocol must be gre or vxlan, not " + p);
        }
        args.requireEmpty();
        Ref<?> tunnel = (Ref<?>) xe.task("tunnel.create", pif, network, protocol);
        System.out.println(xe.uuidOf("tunnel", tunnel).orElse(tunnel.handle()));
    }
}
