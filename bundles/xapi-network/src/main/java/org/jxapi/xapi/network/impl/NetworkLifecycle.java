package org.jxapi.xapi.network.impl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jxapi.api.spi.ObjectLifecycle;
import org.jxapi.db.Row;
import org.jxapi.db.Snapshot;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.types.Network;
import org.jxapi.xenapi.model.types.Vif;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * network.create picks the bridge {@code xapi<N>} (the first N no network uses) when the client
 * gives none, and refuses a bridge another network has; network.destroy refuses a network that
 * still has PIFs or plugged VIFs. The bridge itself appears when a PIF or VIF needs it.
 */
@Component(service = ObjectLifecycle.class, property = ObjectLifecycle.CLASS + "=network")
public class NetworkLifecycle implements ObjectLifecycle {
    private final NetworkCore core;

    @Activate
    public NetworkLifecycle(@Reference(name = "core") NetworkCore core) {
        this.core = core;
    }

    @Override
    public Ref<?> create(Map<String, Object> fields, Function<Map<String, Object>, Ref<?>> generic) {
        return core.db.write(tx -> {
            Map<String, Object> f = new HashMap<>(fields);
            Object bridge = f.get(Network.Fields.BRIDGE.name());
            if (bridge == null || bridge.toString().isEmpty()) {
                f.put(Network.Fields.BRIDGE.name(), PifRows.freeBridge(tx, "xapi"));
            } else if (PifRows.bridgeTaken(tx, bridge.toString())) {
                throw ErrorCodes.BRIDGE_NAME_EXISTS.error(bridge.toString());
            }
            Object mtu = f.get(Network.Fields.MTU.name());
            if (mtu == null || ((Number) mtu).longValue() <= 0) {
                f.put(Network.Fields.MTU.name(), 1500L);
            }
            f.putIfAbsent(Network.Fields.MANAGED.name(), true);
            return tx.create(Network.CLASS.name(), f);
        });
    }

    @Override
    public void destroy(Ref<?> self, Consumer<Ref<?>> generic) {
        Snapshot s = core.db.snapshot();
        Row n = s.require(Network.CLASS, self);
        Set<?> pifs = n.get(Network.Fields.PIFS);
        if (!pifs.isEmpty()) {
            throw ErrorCodes.NETWORK_CONTAINS_PIF.error(handles(pifs));
        }
        List<Ref<?>> plugged = new ArrayList<>();
        for (Ref<Vif> v : (Set<Ref<Vif>>) n.get(Network.Fields.VIFS)) {
            Row vr = s.row(Vif.CLASS, v);
            if (vr != null && (boolean) vr.get(Vif.Fields.CURRENTLY_ATTACHED)) {
                plugged.add(v);
            }
        }
        if (!plugged.isEmpty()) {
            throw ErrorCodes.NETWORK_CONTAINS_VIF.error(handles(plugged));
        }
        generic.accept(self);
    }

    /** A list of references as one error parameter, as the original prints an OCaml list. */
    private static String handles(java.util.Collection<?> refs) {
        List<String> h = new ArrayList<>();
        for (Object r : refs) {
            h.add(((Ref<?>) r).handle());
        }
        return "[ " + String.join("; ", h) + " ]";
    }
}
