package org.jxapi.xapi.network.impl;

import java.util.LinkedHashSet;
import java.util.Set;

import org.jxapi.db.Row;
import org.jxapi.db.Snapshot;
import org.jxapi.networkd.api.NetworkdException;
import org.jxapi.networkd.api.VifPort;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.FieldValues;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.api.VifApi;
import org.jxapi.xenapi.model.types.Network;
import org.jxapi.xenapi.model.types.Session;
import org.jxapi.xenapi.model.types.Vif;
import org.jxapi.xenapi.model.types.VifIpv4ConfigurationMode;
import org.jxapi.xenapi.model.types.VifIpv6ConfigurationMode;
import org.jxapi.xenapi.model.types.VifLockingMode;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The VIF messages that belong to the network: locking mode, allowed addresses, the guest's
 * static addresses and moving to another network. xapi-vm serves VIF's hotplug messages; the
 * registry lets two bundles share one class's interface, each with its own messages.
 */
@Component(service = VifApi.class)
public class VifLockingMessages implements VifApi {
    private final NetworkCore core;

    @Activate
    public VifLockingMessages(@Reference(name = "core") NetworkCore core) {
        this.core = core;
    }

    @Override
    public void setLockingMode(Ref<Session> sessionId, Ref<Vif> self, VifLockingMode value) {
        write(self, FieldValues.of(Vif.CLASS).put(Vif.Fields.LOCKING_MODE, value));
    }

    @Override
    public void setIpv4Allowed(Ref<Session> sessionId, Ref<Vif> self, Set<String> value) {
        for (String a : value) {
            Addresses.requireIpv4(a, "ipv4_allowed");
        }
        write(self, FieldValues.of(Vif.CLASS).put(Vif.Fields.IPV4_ALLOWED, new LinkedHashSet<>(value)));
    }

    @Override
    public void addIpv4Allowed(Ref<Session> sessionId, Ref<Vif> self, String value) {
        Addresses.requireIpv4(value, "value");
        Set<String> now = new LinkedHashSet<>(row(self).get(Vif.Fields.IPV4_ALLOWED));
        now.add(value);
        write(self, FieldValues.of(Vif.CLASS).put(Vif.Fields.IPV4_ALLOWED, now));
    }

    @Override
    public void removeIpv4Allowed(Ref<Session> sessionId, Ref<Vif> self, String value) {
        Set<String> now = new LinkedHashSet<>(row(self).get(Vif.Fields.IPV4_ALLOWED));
        now.remove(value);
        write(self, FieldValues.of(Vif.CLASS).put(Vif.Fields.IPV4_ALLOWED, now));
    }

    @Override
    public void setIpv6Allowed(Ref<Session> sessionId, Ref<Vif> self, Set<String> value) {
        for (String a : value) {
            if (!Addresses.isIpv6(a)) {
                throw ErrorCodes.INVALID_IP_ADDRESS_SPECIFIED.error("ipv6_allowed");
            }
        }
        write(self, FieldValues.of(Vif.CLASS).put(Vif.Fields.IPV6_ALLOWED, new LinkedHashSet<>(value)));
    }

    @Override
    public void addIpv6Allowed(Ref<Session> sessionId, Ref<Vif> self, String value) {
        if (!Addresses.isIpv6(value)) {
            throw ErrorCodes.INVALID_IP_ADDRESS_SPECIFIED.error("value");
        }
        Set<String> now = new LinkedHashSet<>(row(self).get(Vif.Fields.IPV6_ALLOWED));
        now.add(value);
        write(self, FieldValues.of(Vif.CLASS).put(Vif.Fields.IPV6_ALLOWED, now));
    }

    @Override
    public void removeIpv6Allowed(Ref<Session> sessionId, Ref<Vif> self, String value) {
        Set<String> now = new LinkedHashSet<>(row(self).get(Vif.Fields.IPV6_ALLOWED));
        now.remove(value);
        write(self, FieldValues.of(Vif.CLASS).put(Vif.Fields.IPV6_ALLOWED, now));
    }

    @Override
    public void configureIpv4(Ref<Session> sessionId, Ref<Vif> self, VifIpv4ConfigurationMode mode, String address,
            String gateway) {
        row(self);
        boolean stat = mode == VifIpv4ConfigurationMode.STATIC;
        if (stat) {
            Addresses.requireCidr(address, false, "address");
            if (gateway != null && !gateway.isEmpty()) {
                Addresses.requireIpv4(gateway, "gateway");
            }
        }
        FieldValues<Vif> f = FieldValues.of(Vif.CLASS);
        f.put(Vif.Fields.IPV4_CONFIGURATION_MODE, mode);
        f.put(Vif.Fields.IPV4_ADDRESSES, stat ? Set.of(address) : Set.of());
        f.put(Vif.Fields.IPV4_GATEWAY, stat && gateway != null ? gateway : "");
        write(self, f);
    }

    @Override
    public void configureIpv6(Ref<Session> sessionId, Ref<Vif> self, VifIpv6ConfigurationMode mode, String address,
            String gateway) {
        row(self);
        boolean stat = mode == VifIpv6ConfigurationMode.STATIC;
        if (stat) {
            Addresses.requireCidr(address, true, "address");
            if (gateway != null && !gateway.isEmpty() && !Addresses.isIpv6(gateway)) {
                throw ErrorCodes.INVALID_IP_ADDRESS_SPECIFIED.error("gateway");
            }
        }
        FieldValues<Vif> f = FieldValues.of(Vif.CLASS);
        f.put(Vif.Fields.IPV6_CONFIGURATION_MODE, mode);
        f.put(Vif.Fields.IPV6_ADDRESSES, stat ? Set.of(address) : Set.of());
        f.put(Vif.Fields.IPV6_GATEWAY, stat && gateway != null ? gateway : "");
        write(self, f);
    }

    /** Moves the VIF to another network; a plugged one's port moves bridges through networkd. */
    @Override
    public void move(Ref<Session> sessionId, Ref<Vif> self, Ref<Network> network) {
        Snapshot s = core.db.snapshot();
        Row vif = s.require(Vif.CLASS, self);
        Row to = s.require(Network.CLASS, network);
        Row from = s.row(Network.CLASS, (Ref<?>) vif.get(Vif.Fields.NETWORK));
        if (from != null && from.ref().equals(network)) {
            return;
        }
        core.db.write(tx -> {
            tx.set(Vif.Fields.NETWORK, self, network);
            return null;
        });
        String device = VifLocks.hostDevice(s, vif);
        if ((boolean) vif.get(Vif.Fields.CURRENTLY_ATTACHED) && device != null && from != null) {
            Snapshot after = core.db.snapshot();
            Row moved = after.require(Vif.CLASS, self);
            VifPort port = new VifPort(to.get(Network.Fields.BRIDGE), device,
                    after.require(org.jxapi.xenapi.model.types.Vm.CLASS, (Ref<?>) vif.get(Vif.Fields.VM)).uuid()
                            + "/" + vif.get(Vif.Fields.DEVICE),
                    vif.get(Vif.Fields.MAC), (int) (long) vif.get(Vif.Fields.MTU), true,
                    VifLocks.effective(after, moved), 0);
            try {
                core.networkd.vifMove(core.dbg(), port, from.get(Network.Fields.BRIDGE));
            } catch (NetworkdException e) {
                core.db.write(tx -> {
                    tx.set(Vif.Fields.NETWORK, self, from.ref().cast());
                    return null;
                });
                throw ErrorCodes.INTERNAL_ERROR.error("VIF.move: " + String.join(" ", e.errorDescription()));
            }
        }
    }

    private Row row(Ref<Vif> self) {
        return core.db.snapshot().require(Vif.CLASS, self);
    }

    private void write(Ref<Vif> self, FieldValues<Vif> f) {
        core.db.write(tx -> {
            tx.require(Vif.CLASS, self);
            tx.update(self, f);
            return null;
        });
        new VifLocks(core).apply(self);
    }
}
