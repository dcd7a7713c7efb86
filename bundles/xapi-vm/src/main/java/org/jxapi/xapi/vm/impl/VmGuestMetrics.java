package org.jxapi.xapi.vm.impl;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jxapi.db.Row;
import org.jxapi.db.WriteTransaction;
import org.jxapi.xenapi.model.FieldValues;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.types.TristateType;
import org.jxapi.xenapi.model.types.Vm;
import org.jxapi.xenops.api.VmState;

/**
 * Keeps a running VM's {@code VM_guest_metrics} in step with what its guest agent reported, read as the
 * original reads the agent's xenstore keys: {@code data/os_*} become {@code os_version} (name, uname,
 * distro, major, minor), {@code attr/vif/<n>/ipv4|ipv6/<m>} become {@code networks} ({@code <n>/ip} for
 * the first IPv4 address, as clients expect). A VM whose agent never spoke has no guest metrics.
 */
final class VmGuestMetrics {
    private static final Map<String, String> OS_KEYS = Map.of("data/os_name", "name", "data/os_uname", "uname",
            "data/os_distro", "distro", "data/os_majorver", "major", "data/os_minorver", "minor");
    private static final Pattern ADDRESS = Pattern.compile("attr/vif/(\\d+)/(ipv4|ipv6)/(\\d+)");

    private VmGuestMetrics() {
    }

    static void sync(WriteTransaction tx, Row vm, VmState state) {
        if (!state.pvDriversDetected() && state.guestAgent().isEmpty()) {
            return;
        }
        Map<String, String> os = new TreeMap<>();
        Map<String, String> networks = new TreeMap<>();
        Map<String, String> other = new TreeMap<>();
        for (Map.Entry<String, String> e : state.guestAgent().entrySet()) {
            String k = e.getKey();
            Matcher m = ADDRESS.matcher(k);
            if (OS_KEYS.containsKey(k)) {
                os.put(OS_KEYS.get(k), e.getValue());
            } else if (m.matches()) {
                networks.put(m.group(1) + "/" + m.group(2) + "/" + m.group(3), e.getValue());
                if (m.group(2).equals("ipv4") && m.group(3).equals("0")) {
                    networks.put(m.group(1) + "/ip", e.getValue());
                }
            } else if (!k.startsWith("stats/")) {
                other.put(k, e.getValue());
            }
        }
        Ref<?> ref = (Ref<?>) vm.get(Vm.Fields.GUEST_METRICS);
        Row row = ref.isNull() ? null : tx.row(org.jxapi.xenapi.model.types.VmGuestMetrics.CLASS, ref);
        if (row == null) {
            ref = tx.create(org.jxapi.xenapi.model.types.VmGuestMetrics.CLASS, FieldValues.of(org.jxapi.xenapi.model.types.VmGuestMetrics.CLASS));
            tx.set(Vm.Fields.GUEST_METRICS, vm.ref(), ref.cast());
        }
        boolean changed = false;
        changed |= VmStates.set(tx, ref, row, org.jxapi.xenapi.model.types.VmGuestMetrics.Fields.OS_VERSION, os);
        changed |= VmStates.set(tx, ref, row, org.jxapi.xenapi.model.types.VmGuestMetrics.Fields.NETWORKS, networks);
        changed |= VmStates.set(tx, ref, row, org.jxapi.xenapi.model.types.VmGuestMetrics.Fields.OTHER, other);
        changed |= VmStates.set(tx, ref, row, org.jxapi.xenapi.model.types.VmGuestMetrics.Fields.PV_DRIVERS_DETECTED, state.pvDriversDetected());
        changed |= VmStates.set(tx, ref, row, org.jxapi.xenapi.model.types.VmGuestMetrics.Fields.LIVE, true);
        // Hot-plug of disks and NICs needs no guest driver under qemu (PCI hot-plug); the agent proves a live guest.
        changed |= VmStates.set(tx, ref, row, org.jxapi.xenapi.model.types.VmGuestMetrics.Fields.CAN_USE_HOTPLUG_VBD, TristateType.YES);
        changed |= VmStates.set(tx, ref, row, org.jxapi.xenapi.model.types.VmGuestMetrics.Fields.CAN_USE_HOTPLUG_VIF, TristateType.YES);
        if (changed) {
            tx.set(org.jxapi.xenapi.model.types.VmGuestMetrics.Fields.LAST_UPDATED, ref, Instant.now());
        }
    }

    /** A VM that halts loses its guest metrics, as in the original: the next boot's agent reports afresh. */
    static void clear(WriteTransaction tx, Row vm) {
        Ref<?> ref = (Ref<?>) vm.get(Vm.Fields.GUEST_METRICS);
        if (!ref.isNull()) {
            if (tx.row(org.jxapi.xenapi.model.types.VmGuestMetrics.CLASS, ref) != null) {
                tx.destroy(org.jxapi.xenapi.model.types.VmGuestMetrics.CLASS, ref);
            }
            tx.set(Vm.Fields.GUEST_METRICS, vm.ref(), Ref.nullRef());
        }
    }
}
