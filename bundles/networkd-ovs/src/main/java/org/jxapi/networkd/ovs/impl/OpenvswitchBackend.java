package org.jxapi.networkd.ovs.impl;

import java.nio.file.Path;
import java.time.Duration;

import org.jxapi.networkd.api.Kind;
import org.jxapi.networkd.linux.LinuxInterfaces;
import org.jxapi.networkd.linux.LinuxSettings;
import org.jxapi.networkd.spi.BridgeBackend;
import org.jxapi.networkd.spi.InterfaceBackend;
import org.jxapi.networkd.spi.NetworkBackend;
import org.jxapi.networkd.spi.VifBackend;
import org.jxapi.networkd.spi.propertytypes.Backend;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The openvswitch network backend: one Open vSwitch instance (its database socket and run directory)
 * and the network namespace its devices are in, all from configuration, so
 * that tests and hosts point it at their own switch. Required configuration: without one it does not
 * exist, and never touches a switch it was not given.
 */
@Component(service = NetworkBackend.class, configurationPid = "org.jxapi.networkd.openvswitch",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = OvsBackendConfig.class)
@Backend("openvswitch")
public class OpenvswitchBackend implements NetworkBackend {
    private final LinuxInterfaces interfaces;
    private final OvsBridges bridges;
    private final OvsVifs vifs;

    @Activate
    public OpenvswitchBackend(OvsBackendConfig config) {
        OvsCommands ovs = OvsCommands.of(config);
        Path stateDir = config.state_dir().isBlank() ? Path.of(config.instance_dir(), "jxapi-networkd")
                : Path.of(config.state_dir());
        // The devices (NICs, the bridges' own, guests' taps) are Linux's, in the same namespace as the switch.
        this.interfaces = new LinuxInterfaces(new LinuxSettings(config.netns(), config.protected_interfaces(),
                config.resolv_conf(), stateDir, "", Duration.ofSeconds(Math.max(1, config.command_timeout_s()))));
        this.bridges = new OvsBridges(ovs, config.datapath_type(), interfaces);
        this.vifs = new OvsVifs(ovs, interfaces);
    }

    @Override
    public Kind kind() {
        return Kind.OPENVSWITCH;
    }

    @Override
    public InterfaceBackend interfaces() {
        return interfaces;
    }

    @Override
    public BridgeBackend bridges() {
        return bridges;
    }

    @Override
    public VifBackend vifs() {
        return vifs;
    }
}
