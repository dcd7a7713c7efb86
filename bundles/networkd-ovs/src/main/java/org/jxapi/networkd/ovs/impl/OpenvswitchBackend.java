package org.jxapi.networkd.ovs.impl;

import org.jxapi.networkd.api.Kind;
import org.jxapi.networkd.spi.BridgeBackend;
import org.jxapi.networkd.spi.NetworkBackend;
import org.jxapi.networkd.spi.VifBackend;
import org.jxapi.networkd.spi.propertytypes.Backend;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The openvswitch network backend: one Open vSwitch instance (its database socket, run directory and
 * vswitchd control socket) and the network namespace its devices are in, all from configuration, so
 * that tests and hosts point it at their own switch. Required configuration: without one it does not
 * exist, and never touches a switch it was not given.
 */
@Component(service = NetworkBackend.class, configurationPid = "org.jxapi.networkd.openvswitch",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = OvsBackendConfig.class)
@Backend("openvswitch")
public class OpenvswitchBackend implements NetworkBackend {
    private final OvsBridges bridges;
    private final OvsVifs vifs;
    private final ProtectedInterfaces protectedInterfaces;

    @Activate
    public OpenvswitchBackend(OvsBackendConfig config) {
        OvsCommands ovs = OvsCommands.of(config);
        this.protectedInterfaces = ProtectedInterfaces.of(config, ovs);
        this.bridges = new OvsBridges(ovs, config.datapath_type(), protectedInterfaces);
        this.vifs = new OvsVifs(ovs);
    }

    @Override
    public Kind kind() {
        return Kind.OPENVSWITCH;
    }

    @Override
    public BridgeBackend bridges() {
        return bridges;
    }

    @Override
    public VifBackend vifs() {
        return vifs;
    }

    ProtectedInterfaces protectedInterfaces() {
        return protectedInterfaces;
    }
}
