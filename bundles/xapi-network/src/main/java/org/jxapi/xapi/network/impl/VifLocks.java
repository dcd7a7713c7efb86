package org.jxapi.xapi.network.impl;

import java.util.ArrayList;
import java.util.Set;

import org.jxapi.db.Row;
import org.jxapi.db.Snapshot;
import org.jxapi.networkd.api.NetworkdException;
import org.jxapi.networkd.api.VifLocking;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.types.Network;
import org.jxapi.xenapi.model.types.NetworkDefaultLockingMode;
import org.jxapi.xenapi.model.types.Vif;
import org.jxapi.xenapi.model.types.VifLockingMode;
import org.jxapi.xenapi.model.types.Vm;
import org.slf4j.LoggerFactory;

/**
 * A VIF's effective locking (network_default resolved through its network, as the original's
 * xenopsd gets it) and its application to a plugged VIF's port through networkd.
 */
final class VifLocks {
    private final NetworkCore core;

    VifLocks(NetworkCore core) {
        this.core = core;
    }

    static VifLocking effective(Snapshot s, Row vif) {
        VifLockingMode mode = vif.get(Vif.Fields.LOCKING_MODE);
        if (mode == VifLockingMode.NETWORK_DEFAULT) {
            Row net = s.row(Network.CLASS, (Ref<?>) vif.get(Vif.Fields.NETWORK));
            boolean disabled = net != null
                    && net.get(Network.Fields.DEFAULT_LOCKING_MODE) == NetworkDefaultLockingMode.DISABLED;
            return disabled ? new VifLocking(VifLocking.Mode.DISABLED, null, null) : VifLocking.UNLOCKED;
        }
        if (mode == VifLockingMode.DISABLED) {
            return new VifLocking(VifLocking.Mode.DISABLED, null, null);
        }
        if (mode == VifLockingMode.UNLOCKED) {
            return VifLocking.UNLOCKED;
        }
        return new VifLocking(VifLocking.Mode.LOCKED, new ArrayList<>((Set<String>) vif.get(Vif.Fields.IPV4_ALLOWED)),
                new ArrayList<>((Set<String>) vif.get(Vif.Fields.IPV6_ALLOWED)));
    }

    /** The host device of a plugged VIF: {@code vif<domid>.<device>}, as the qemu backend and the original name it. */
    static String hostDevice(Snapshot s, Row vif) {
        Row vm = s.row(Vm.CLASS, (Ref<?>) vif.get(Vif.Fields.VM));
        return vm == null ? null : "vif" + vm.get(Vm.Fields.DOMID) + "." + vif.get(Vif.Fields.DEVICE);
    }

    /** Re-applies the locking of a plugged VIF; an unplugged one gets it when it is plugged. */
    void apply(Ref<Vif> ref) {
        Snapshot s = core.db.snapshot();
        Row vif = s.row(Vif.CLASS, ref);
        if (vif == null || !(boolean) vif.get(Vif.Fields.CURRENTLY_ATTACHED)) {
            return;
        }
        Row net = s.row(Network.CLASS, (Ref<?>) vif.get(Vif.Fields.NETWORK));
        String device = hostDevice(s, vif);
        if (net == null || device == null) {
            return;
        }
        try {
            core.networkd.vifSetLocking(core.dbg(), net.get(Network.Fields.BRIDGE), device, vif.get(Vif.Fields.MAC),
                    effective(s, vif));
        } catch (NetworkdException e) {
            // The port may be managed by a backend without networkd (the simulator's VMs): the DB is right
            // and the next plug applies it.
            LoggerFactory.getLogger(VifLocks.class).warn("VIF {}: locking not applied: {}", vif.uuid(),
                    e.errorDescription());
        }
    }
}
