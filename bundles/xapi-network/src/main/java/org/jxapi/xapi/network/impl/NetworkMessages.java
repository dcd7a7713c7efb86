package org.jxapi.xapi.network.impl;

import java.util.Set;

import org.jxapi.db.Row;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.api.NetworkApi;
import org.jxapi.xenapi.model.types.Network;
import org.jxapi.xenapi.model.types.NetworkDefaultLockingMode;
import org.jxapi.xenapi.model.types.NetworkPurpose;
import org.jxapi.xenapi.model.types.Session;
import org.jxapi.xenapi.model.types.Vif;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** network.set_default_locking_mode (re-applied to the plugged VIFs that follow it) and the purposes. */
@Component(service = NetworkApi.class)
public class NetworkMessages implements NetworkApi {
    private final NetworkCore core;

    @Activate
    public NetworkMessages(@Reference(name = "core") NetworkCore core) {
        this.core = core;
    }

    @Override
    public void setDefaultLockingMode(Ref<Session> sessionId, Ref<Network> network, NetworkDefaultLockingMode value) {
        Row n = core.db.snapshot().require(Network.CLASS, network);
        core.db.write(tx -> {
            tx.set(Network.Fields.DEFAULT_LOCKING_MODE, network, value);
            return null;
        });
        for (Ref<Vif> vif : (Set<Ref<Vif>>) n.get(Network.Fields.VIFS)) {
            new VifLocks(core).apply(vif);
        }
    }

    /** nbd and insecure_nbd exclude each other, as in the original. */
    @Override
    public void addPurpose(Ref<Session> sessionId, Ref<Network> self, NetworkPurpose value) {
        Row n = core.db.snapshot().require(Network.CLASS, self);
        for (NetworkPurpose p : (Set<NetworkPurpose>) n.get(Network.Fields.PURPOSE)) {
            if (p != value) {
                throw ErrorCodes.NETWORK_INCOMPATIBLE_PURPOSES.error(value.wireName(), p.wireName());
            }
        }
        core.db.write(tx -> {
            tx.addToSet(Network.Fields.PURPOSE, self, value);
            return null;
        });
    }

    @Override
    public void removePurpose(Ref<Session> sessionId, Ref<Network> self, NetworkPurpose value) {
        core.db.write(tx -> {
            tx.require(Network.CLASS, self);
            tx.removeFromSet(Network.Fields.PURPOSE, self, value);
            return null;
        });
    }
}
