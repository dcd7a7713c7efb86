package org.jxapi.shell.network;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.OperationCommandSupport;
import org.jxapi.shell.support.Xe;
import org.jxapi.shell.support.XeArgs;
import org.jxapi.shell.support.XeErrors;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiRecord;
import org.jxapi.xenapi.model.types.IpConfigurationMode;

@Service
@Command(scope = "xe", name = "pif-reconfigure-ip", description = "Set a PIF's IPv4 configuration: uuid=<uuid> mode=<none|dhcp|static> [IP=<a.b.c.d> netmask=<mask> gateway=<a.b.c.d> DNS=<a,b>]")
public class PifReconfigureIpCommand extends OperationCommandSupport {
    private IpConfigurationMode mode;
    private String ip;
    private String netmask;
    private String gateway;
    private String dns;

    @Override
    protected String className() {
        return "PIF";
    }

    @Override
    protected void prepare(Xe xe, XeArgs args) throws Exception {
        String m = args.require("mode");
        mode = switch (m.toLowerCase()) {
            case "none" -> IpConfigurationMode.NONE;
            case "dhcp" -> IpConfigurationMode.DHCP;
            case "static" -> IpConfigurationMode.STATIC;
            default -> throw XeErrors.error("Error: mode must be none, dhcp or static, not " + m);
        };
        ip = args.take("IP").or(() -> args.take("ip")).orElse("");
        netmask = args.take("netmask").orElse("");
        gateway = args.take("gateway").orElse("");
        dns = args.take("DNS").or(() -> args.take("dns")).orElse("");
    }

    @Override
    protected void apply(Xe xe, Ref<?> ref, XenApiRecord record) throws Exception {
        xe.task("PIF.reconfigure_ip", ref, mode, ip, netmask, gateway, dns);
    }
}
