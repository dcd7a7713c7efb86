package org.jxapi.xapi.network.impl;

import java.util.List;
import java.util.Set;

import org.jxapi.db.Row;
import org.jxapi.db.Snapshot;
import org.jxapi.networkd.api.Address;
import org.jxapi.networkd.api.NetworkdException;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.FieldValues;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.types.Host;
import org.jxapi.xenapi.model.types.IpConfigurationMode;
import org.jxapi.xenapi.model.types.Pif;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PIFs for the NICs networkd reports: PIF.introduce, PIF.scan and the first start. Each NIC gets a
 * network {@code Pool-wide network associated with <dev>} on bridge {@code xenbr<N>}. Nothing on the
 * system is changed here ("do no harm"): currently_attached and the management PIF's addresses are
 * what the system shows.
 */
final class PifIntroducer {
    private static final Logger LOG = LoggerFactory.getLogger(PifIntroducer.class);
    private final NetworkCore core;

    PifIntroducer(NetworkCore core) {
        this.core = core;
    }

    Ref<Pif> introduce(Ref<Host> host, String mac, String device, boolean managed) {
        Snapshot s = core.db.snapshot();
        s.require(Host.CLASS, host);
        for (Row p : NetworkCore.pifsOf(s, host)) {
            if (device.equals(p.get(Pif.Fields.DEVICE)) && (long) p.get(Pif.Fields.VLAN) == -1L) {
                throw ErrorCodes.DUPLICATE_PIF_DEVICE_NAME.error(device);
            }
        }
        if (mac != null && !mac.isEmpty() && !Addresses.isMac(mac)) {
            throw ErrorCodes.MAC_INVALID.error(mac);
        }
        if (!PifMessages.networkdKnows(core, device)) {
            throw ErrorCodes.PIF_DEVICE_NOT_FOUND.error();
        }
        String dbg = core.dbg();
        String m = mac == null || mac.isEmpty() ? core.networkd.interfaceGetMac(dbg, device) : mac.toLowerCase();
        long mtu = core.networkd.interfaceGetMtu(dbg, device);
        boolean up = core.networkd.interfaceIsUp(dbg, device);
        // What the NIC can do (sriov, ...), as network_sriov.create checks it.
        Set<String> capabilities = new java.util.TreeSet<>(core.networkd.interfaceGetCapabilities(dbg, device));
        Ref<Pif> pif = core.db.write(tx -> {
            Ref<?> net = PifRows.network(tx, "Pool-wide network associated with " + device,
                    PifRows.physicalBridge(tx, device), mtu);
            Ref<Pif> p = PifRows.pif(tx, host, net, device, m, mtu, -1, true, managed);
            tx.set(Pif.Fields.CURRENTLY_ATTACHED, p, up);
            tx.set(Pif.Fields.CAPABILITIES, p, capabilities);
            return p;
        });
        new PifMetricsUpdater(core).refresh(pif);
        return pif;
    }

    /** Introduces each physical interface that has no PIF yet, and refreshes every PIF's metrics. */
    void scan(Ref<Host> host) {
        core.db.snapshot().require(Host.CLASS, host);
        String dbg = core.dbg();
        for (String dev : core.networkd.interfaceGetAll(dbg)) {
            if (!core.networkd.interfaceIsPhysical(dbg, dev)) {
                continue;
            }
            Snapshot s = core.db.snapshot();
            if (PifRows.physicalByDevice(s, host, dev) == null && !bonded(s, host, dev)) {
                introduce(host, "", dev, true);
            }
        }
        for (Row p : NetworkCore.pifsOf(core.db.snapshot(), host)) {
            new PifMetricsUpdater(core).refresh(p.ref());
        }
    }

    private static boolean bonded(Snapshot s, Ref<?> host, String dev) {
        for (Row p : NetworkCore.pifsOf(s, host)) {
            if (dev.equals(p.get(Pif.Fields.DEVICE))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first start: when this host has no PIF, one per physical NIC, and the management PIF
     * (the configured device, else the one with the default gateway) marked with the addresses the
     * system shows. Returns how many PIFs were made.
     */
    int firstStart(String managementDevice) {
        Ref<Host> host = core.thisHost();
        if (!NetworkCore.pifsOf(core.db.snapshot(), host).isEmpty()) {
            return 0;
        }
        String dbg = core.dbg();
        List<String> all = core.networkd.interfaceGetAll(dbg);
        String management = managementDevice == null || managementDevice.isEmpty() ? null : managementDevice;
        int made = 0;
        for (String dev : all) {
            if (!core.networkd.interfaceIsPhysical(dbg, dev)) {
                continue;
            }
            Ref<Pif> pif = introduce(host, "", dev, true);
            made++;
            boolean isManagement;
            String gateway;
            try {
                gateway = core.networkd.interfaceGetIpv4Gateway(dbg, dev);
            } catch (NetworkdException e) {
                gateway = null;
            }
            isManagement = management != null ? management.equals(dev) : gateway != null;
            if (isManagement) {
                management = dev;
                markManagement(host, pif, dev, gateway);
            }
        }
        LOG.info("first start: {} PIFs for this host's NICs, management {}", made, management);
        return made;
    }

    private void markManagement(Ref<Host> host, Ref<Pif> pif, String dev, String gateway) {
        List<Address> v4 = core.networkd.interfaceGetIpv4Addr(core.dbg(), dev);
        FieldValues<Pif> f = FieldValues.of(Pif.CLASS);
        f.put(Pif.Fields.MANAGEMENT, true);
        if (!v4.isEmpty()) {
            // The mode as observed: an address is there; networkd cannot tell who set it, so Static.
            f.put(Pif.Fields.IP_CONFIGURATION_MODE, IpConfigurationMode.STATIC);
            f.put(Pif.Fields.IP, v4.get(0).address());
            f.put(Pif.Fields.NETMASK, Addresses.netmaskOf(v4.get(0).prefix()));
            f.put(Pif.Fields.GATEWAY, gateway == null ? "" : gateway);
        }
        core.db.write(tx -> {
            tx.update(pif, f);
            tx.set(Host.Fields.ADDRESS, host, v4.isEmpty() ? "" : v4.get(0).address());
            return null;
        });
    }
}
