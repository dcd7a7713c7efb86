package org.jxapi.xapi.network.impl;

import java.util.Set;

import org.jxapi.db.Row;
import org.jxapi.db.Snapshot;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.FieldValues;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.types.Network;
import org.jxapi.xenapi.model.types.Pif;
import org.jxapi.xenapi.model.types.Vif;
import org.jxapi.xenapi.model.types.Vlan;

/** VLAN.create and VLAN.destroy with the original's checks, shared by PIF.create_VLAN and pool.create_VLAN_from_PIF. */
final class Vlans {
    private final NetworkCore core;

    Vlans(NetworkCore core) {
        this.core = core;
    }

    Ref<Vlan> create(Ref<Pif> tagged, long tag, Ref<Network> network) {
        Snapshot s = core.db.snapshot();
        Row t = s.require(Pif.CLASS, tagged);
        Row net = s.require(Network.CLASS, network);
        if (tag < 0 || tag > 4094) {
            throw ErrorCodes.VLAN_TAG_INVALID.error(Long.toString(tag));
        }
        if (!((Ref<?>) t.get(Pif.Fields.VLAN_MASTER_OF)).isNull()) {
            throw ErrorCodes.PIF_IS_VLAN.error(tagged.handle());
        }
        if (!((Ref<?>) t.get(Pif.Fields.BOND_SLAVE_OF)).isNull()) {
            throw ErrorCodes.CANNOT_ADD_VLAN_TO_BOND_SLAVE.error(tagged.handle());
        }
        if (!((Set<?>) t.get(Pif.Fields.TUNNEL_ACCESS_PIF_OF)).isEmpty()) {
            throw ErrorCodes.IS_TUNNEL_ACCESS_PIF.error(tagged.handle());
        }
        Ref<?> host = t.get(Pif.Fields.HOST);
        Row other = NetworkCore.pifOn(s, host, network);
        if (other != null) {
            throw ErrorCodes.NETWORK_ALREADY_CONNECTED.error(network.handle(), other.ref().handle());
        }
        for (Ref<Vlan> v : (Set<Ref<Vlan>>) t.get(Pif.Fields.VLAN_SLAVE_OF)) {
            Row vr = s.row(Vlan.CLASS, v);
            if (vr != null && (long) vr.get(Vlan.Fields.TAG) == tag) {
                throw ErrorCodes.PIF_VLAN_EXISTS.error((String) t.get(Pif.Fields.DEVICE));
            }
        }
        Ref<Pif> untagged = Ref.fresh();
        Ref<Vlan> vlan = core.db.write(tx -> {
            // The untagged PIF shares the device name and MAC of the tagged one, as in the original.
            Ref<Pif> u = PifRows.pif(tx, untagged, host, network, t.get(Pif.Fields.DEVICE), t.get(Pif.Fields.MAC),
                    net.get(Network.Fields.MTU), tag, false, true);
            FieldValues<Vlan> f = FieldValues.of(Vlan.CLASS);
            f.put(Vlan.Fields.TAGGED_PIF, tagged);
            f.put(Vlan.Fields.UNTAGGED_PIF, u);
            f.put(Vlan.Fields.TAG, tag);
            Ref<Vlan> v = tx.create(Vlan.CLASS, f);
            tx.set(Pif.Fields.VLAN_MASTER_OF, u, v);
            return v;
        });
        if ((boolean) t.get(Pif.Fields.CURRENTLY_ATTACHED)) {
            new PifPlumbing(core).bringUp(untagged);
        }
        return vlan;
    }

    void destroy(Ref<Vlan> self) {
        Snapshot s = core.db.snapshot();
        Row v = s.require(Vlan.CLASS, self);
        Ref<Pif> untagged = v.get(Vlan.Fields.UNTAGGED_PIF);
        Row u = s.row(Pif.CLASS, untagged);
        if (u != null) {
            if ((boolean) u.get(Pif.Fields.MANAGEMENT)) {
                throw ErrorCodes.PIF_IS_MANAGEMENT_INTERFACE.error(untagged.handle());
            }
            if (!((Set<?>) u.get(Pif.Fields.TUNNEL_TRANSPORT_PIF_OF)).isEmpty()) {
                throw ErrorCodes.PIF_TUNNEL_STILL_EXISTS.error(untagged.handle());
            }
            Row net = s.row(Network.CLASS, (Ref<?>) u.get(Pif.Fields.NETWORK));
            if (net != null) {
                for (Ref<Vif> vif : (Set<Ref<Vif>>) net.get(Network.Fields.VIFS)) {
                    Row vr = s.row(Vif.CLASS, vif);
                    if (vr != null && (boolean) vr.get(Vif.Fields.CURRENTLY_ATTACHED)) {
                        throw ErrorCodes.VIF_IN_USE.error(net.ref().handle(), vif.handle());
                    }
                }
            }
            if ((boolean) u.get(Pif.Fields.CURRENTLY_ATTACHED)) {
                new PifPlumbing(core).bringDown(untagged);
            }
        }
        core.db.write(tx -> {
            PifRows.destroy(tx, untagged);
            tx.destroy(Vlan.CLASS, self);
            return null;
        });
    }
}
