package org.jxapi.xapi.network.impl;

import java.util.Map;
import java.util.Set;

import org.jxapi.db.Reader;
import org.jxapi.db.Row;
import org.jxapi.db.WriteTransaction;
import org.jxapi.xenapi.model.FieldValues;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.types.Host;
import org.jxapi.xenapi.model.types.IpConfigurationMode;
import org.jxapi.xenapi.model.types.Network;
import org.jxapi.xenapi.model.types.Pif;
import org.jxapi.xenapi.model.types.PifMetrics;

/** New rows for PIFs and their networks, with the names the original gives them. */
final class PifRows {
    private PifRows() {
    }

    /** {@code xenbr<N>} for {@code eth<N>} as the original names a NIC's bridge, else the first free one. */
    static String physicalBridge(Reader r, String device) {
        String digits = device.replaceAll("^.*?(\\d+)$", "$1");
        if (!digits.equals(device) && !bridgeTaken(r, "xenbr" + digits)) {
            return "xenbr" + digits;
        }
        return freeBridge(r, "xenbr");
    }

    /** The first {@code <prefix><N>} no network uses, as network.create picks {@code xapi<N>}. */
    static String freeBridge(Reader r, String prefix) {
        for (int n = 0;; n++) {
            if (!bridgeTaken(r, prefix + n)) {
                return prefix + n;
            }
        }
    }

    static boolean bridgeTaken(Reader r, String bridge) {
        for (Row n : r.table(Network.CLASS)) {
            if (bridge.equals(n.get(Network.Fields.BRIDGE))) {
                return true;
            }
        }
        return false;
    }

    /** The first {@code <prefix><N>} no PIF of {@code host} uses as its device ({@code bond0}, {@code tunnel0}). */
    static String freeDevice(Reader r, Ref<?> host, String prefix) {
        Set<String> used = new java.util.HashSet<>();
        for (Row p : NetworkCore.pifsOf(r, host)) {
            used.add(p.get(Pif.Fields.DEVICE));
        }
        for (int n = 0;; n++) {
            if (!used.contains(prefix + n)) {
                return prefix + n;
            }
        }
    }

    static Ref<Network> network(WriteTransaction tx, String nameLabel, String bridge, long mtu) {
        FieldValues<Network> f = FieldValues.of(Network.CLASS);
        f.put(Network.Fields.NAME_LABEL, nameLabel);
        f.put(Network.Fields.BRIDGE, bridge);
        f.put(Network.Fields.MTU, mtu);
        f.put(Network.Fields.MANAGED, true);
        return tx.create(Network.CLASS, f);
    }

    /** A PIF with its metrics; {@code vlan} -1 for an untagged one. */
    static Ref<Pif> pif(WriteTransaction tx, Ref<?> host, Ref<?> network, String device, String mac, long mtu,
            long vlan, boolean physical, boolean managed) {
        return pif(tx, Ref.fresh(), host, network, device, mac, mtu, vlan, physical, managed);
    }

    /** As above, under a reference the caller chose before the transaction. */
    static Ref<Pif> pif(WriteTransaction tx, Ref<Pif> ref, Ref<?> host, Ref<?> network, String device, String mac,
            long mtu, long vlan, boolean physical, boolean managed) {
        FieldValues<Pif> f = FieldValues.of(Pif.CLASS);
        f.put(Pif.Fields.DEVICE, device);
        f.put(Pif.Fields.HOST, host.cast());
        f.put(Pif.Fields.NETWORK, network.cast());
        f.put(Pif.Fields.MAC, mac);
        f.put(Pif.Fields.MTU, mtu);
        f.put(Pif.Fields.VLAN, vlan);
        f.put(Pif.Fields.PHYSICAL, physical);
        f.put(Pif.Fields.MANAGED, managed);
        // Not plugged until networkd has brought it up (the model's default says otherwise).
        f.put(Pif.Fields.CURRENTLY_ATTACHED, false);
        f.put(Pif.Fields.IP_CONFIGURATION_MODE, IpConfigurationMode.NONE);
        f.put(Pif.Fields.METRICS, tx.create(PifMetrics.CLASS, FieldValues.of(PifMetrics.CLASS)));
        return tx.create(Pif.CLASS, ref, f);
    }

    /** Deletes a PIF and its metrics. */
    static void destroy(WriteTransaction tx, Ref<?> pif) {
        Row p = tx.row(Pif.CLASS, pif);
        if (p == null) {
            return;
        }
        Ref<PifMetrics> m = p.get(Pif.Fields.METRICS);
        if (!m.isNull() && tx.row(PifMetrics.CLASS, m) != null) {
            tx.destroy(PifMetrics.CLASS, m);
        }
        tx.destroy(Pif.CLASS, pif);
    }

    /** The PIF of {@code host} with this device and no VLAN tag, or null. */
    static Row physicalByDevice(Reader r, Ref<?> host, String device) {
        for (Row p : NetworkCore.pifsOf(r, host)) {
            if (device.equals(p.get(Pif.Fields.DEVICE)) && (long) p.get(Pif.Fields.VLAN) == -1L
                    && ((Set<?>) p.get(Pif.Fields.BOND_MASTER_OF)).isEmpty()) {
                return p;
            }
        }
        return null;
    }

    static final Map<String, String> NONE = Map.of();

    static boolean isHost(Reader r, Ref<?> host) {
        return r.row(Host.CLASS, host) != null;
    }
}
