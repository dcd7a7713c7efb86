package org.jxapi.networkd.bridge.impl;

import java.nio.file.Path;
import java.time.Duration;

import org.jxapi.networkd.api.Kind;
import org.jxapi.networkd.linux.IpCommand;
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
 * The {@code bridge} network backend: Linux interfaces, Linux bridges and guests' ports with nft
 * locking, all inside the configured namespace. Activation only reads (the protected interfaces, the
 * state file); the kernel's features are probed on first need.
 */
@Component(service = NetworkBackend.class, configurationPid = "org.jxapi.networkd.bridge",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = LinuxBridgeConfig.class)
@Backend("bridge")
public final class LinuxBridgeBackend implements NetworkBackend {
    private final LinuxInterfaces interfaces;
    private final LinuxBridges bridges;
    private final LinuxVifs vifs;
    private final VifRules rules;

    @Activate
    public LinuxBridgeBackend(LinuxBridgeConfig config) {
        this(new LinuxSettings(config.netns(), config.networkd_protected$_$interfaces(), config.resolv_conf(),
                stateDir(config.state_dir()), config.dhclient(),
                Duration.ofSeconds(Math.max(1, config.command_timeout_seconds())),
                LinuxSettings.names(config.networkd_physical$_$interfaces())), config.nft_table());
    }

    /** An instance outside OSGi (tests, benchmarks, a second "host" in one JVM). */
    public LinuxBridgeBackend(LinuxSettings settings, String nftTable) {
        this.interfaces = new LinuxInterfaces(settings);
        IpCommand ip = interfaces.ip();
        InstanceState state = new InstanceState(settings.stateDir());
        this.bridges = new LinuxBridges(ip, interfaces.protectedInterfaces(), state, new KernelFeatures(ip),
                interfaces::isPhysical);
        this.rules = new VifRules(ip.runner(), nftTable);
        this.vifs = new LinuxVifs(ip, interfaces.protectedInterfaces(), state, rules);
    }

    private static Path stateDir(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String data = System.getProperty("karaf.data", System.getProperty("java.io.tmpdir"));
        return Path.of(data, "jxapi", "networkd", "bridge");
    }

    @Override
    public Kind kind() {
        return Kind.BRIDGE;
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

    IpCommand interfacesIp() {
        return interfaces.ip();
    }

    VifRules rules() {
        return rules;
    }
}
