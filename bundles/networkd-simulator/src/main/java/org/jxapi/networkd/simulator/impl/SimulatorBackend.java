package org.jxapi.networkd.simulator.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jxapi.networkd.api.Kind;
import org.jxapi.networkd.api.NetworkdErrorCode;
import org.jxapi.networkd.api.NetworkdException;
import org.jxapi.networkd.api.VifPort;
import org.jxapi.networkd.spi.BridgeBackend;
import org.jxapi.networkd.spi.InterfaceBackend;
import org.jxapi.networkd.spi.NetworkBackend;
import org.jxapi.networkd.spi.SriovBackend;
import org.jxapi.networkd.spi.VifBackend;
import org.jxapi.networkd.spi.propertytypes.Backend;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The simulator network backend. Not a mock: it keeps the host's devices and bridges as records,
 * enforces the real preconditions and raises the real errors ({@code Does_not_exist},
 * {@code Vlan_in_use}), and logs every change it applied ({@link #changes()}), so that tests can
 * check what the engine did and did not do. Outside OSGi, {@link #create()} makes one.
 */
@Component(configurationPid = "org.jxapi.networkd.simulator", service = NetworkBackend.class)
@Backend("simulator")
@Designate(ocd = SimulatorConfig.class)
public class SimulatorBackend implements NetworkBackend {
    private final SimulatedHost host;
    private final InterfaceBackend interfaces;
    private final BridgeBackend bridges;
    private final VifBackend vifs;
    private final SriovBackend sriov;

    @Activate
    public SimulatorBackend(SimulatorConfig config) {
        this(kind(config.kind()), nics(config.nics()));
    }

    public SimulatorBackend(Kind kind, List<SimulatedNic> nics) {
        this.host = new SimulatedHost(kind, nics);
        this.interfaces = new SimulatedInterfaces(host);
        this.bridges = new SimulatedBridges(host);
        this.vifs = new SimulatedVifs(host);
        this.sriov = new SimulatedSriov(host);
    }

    /** An openvswitch-like host with the NICs {@code sim0} and {@code sim1}. */
    public static SimulatorBackend create() {
        return new SimulatorBackend(Kind.OPENVSWITCH, SimulatedNic.defaults());
    }

    public static SimulatorBackend create(Kind kind, List<SimulatedNic> nics) {
        return new SimulatorBackend(kind, nics);
    }

    private static Kind kind(String name) {
        for (Kind k : Kind.values()) {
            if (k.wireName().equalsIgnoreCase(name.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown kind " + name + " (openvswitch or bridge)");
    }

    private static List<SimulatedNic> nics(String[] specs) {
        List<SimulatedNic> nics = new ArrayList<>();
        for (String spec : specs) {
            if (!spec.isBlank()) {
                nics.add(SimulatedNic.parse(spec, nics.size()));
            }
        }
        return nics;
    }

    @Override
    public Kind kind() {
        return host.kind;
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

    @Override
    public SriovBackend sriov() {
        return sriov;
    }

    // What tests (and the guest side) use; not part of the SPI.

    /** Every change applied since the start or the last {@link #clearChanges()}, e.g. {@code Bridge.create xenbr0}. */
    public List<String> changes() {
        return host.changes();
    }

    public void clearChanges() {
        host.clearChanges();
    }

    /** What qemu does before a VIF is plugged: a tap device exists, down, not on any bridge. */
    public void addGuestDevice(String name) {
        host.outside(() -> {
            if (host.devices.containsKey(name)) {
                throw NetworkdException.of(NetworkdErrorCode.INTERNAL_ERROR, "an interface named " + name + " exists");
            }
            host.devices.put(name, Device.virtual(name, Device.Type.GUEST, host.newMac()));
        });
    }

    /** What a guest's end does to its tap: the device goes, and with it its port. */
    public void removeGuestDevice(String name) {
        host.outside(() -> {
            SimBridge b = host.bridgeOf(name);
            if (b != null) {
                b.guests.remove(name);
            }
            host.devices.remove(name);
        });
    }

    /** Plugs or pulls a NIC's cable. */
    public void setCable(String nic, boolean in) {
        host.outside(() -> host.device(nic).cable = in);
    }

    /** The guest port as the simulator keeps it (with its locking and rate limit). */
    public Optional<VifPort> vif(String bridge, String device) {
        return host.read(() -> {
            SimBridge b = host.bridges.get(bridge);
            return Optional.ofNullable(b == null ? null : b.guests.get(device));
        });
    }
}
