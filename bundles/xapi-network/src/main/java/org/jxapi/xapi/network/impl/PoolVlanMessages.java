package org.jxapi.xapi.network.impl;

import java.util.LinkedHashSet;
import java.util.Set;

import org.jxapi.db.Row;
import org.jxapi.db.Snapshot;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.api.PoolApi;
import org.jxapi.xenapi.model.types.Host;
import org.jxapi.xenapi.model.types.Network;
import org.jxapi.xenapi.model.types.Pif;
import org.jxapi.xenapi.model.types.Session;
import org.jxapi.xenapi.model.types.Vlan;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * pool.create_VLAN_from_PIF and pool.create_VLAN: a VLAN on the PIF of the same device on every
 * host of the pool (jxapi's pools have one host), returning the new untagged PIFs.
 */
@Component(service = PoolApi.class)
public class PoolVlanMessages implements PoolApi {
    private final NetworkCore core;

    @Activate
    public PoolVlanMessages(@Reference(name = "core") NetworkCore core) {
        this.core = core;
    }

    @Override
    public Set<Ref<Pif>> createVlanFromPif(Ref<Session> sessionId, Ref<Pif> pif, Ref<Network> network, long vlan) {
        Row p = core.db.snapshot().require(Pif.CLASS, pif);
        return onEveryHost(p.get(Pif.Fields.DEVICE), network, vlan);
    }

    @Override
    public Set<Ref<Pif>> createVlan(Ref<Session> sessionId, String device, Ref<Network> network, long vlan) {
        return onEveryHost(device, network, vlan);
    }

    private Set<Ref<Pif>> onEveryHost(String device, Ref<Network> network, long vlan) {
        if (vlan < 0 || vlan > 4094) {
            throw ErrorCodes.VLAN_TAG_INVALID.error(Long.toString(vlan));
        }
        Snapshot s = core.db.snapshot();
        s.require(Network.CLASS, network);
        Set<Ref<Pif>> out = new LinkedHashSet<>();
        Vlans vlans = new Vlans(core);
        for (Row h : s.table(Host.CLASS)) {
            Row tagged = PifRows.physicalByDevice(s, h.ref(), device);
            if (tagged != null) {
                Ref<Vlan> v = vlans.create(tagged.ref().cast(), vlan, network);
                out.add(core.db.snapshot().require(Vlan.CLASS, v).get(Vlan.Fields.UNTAGGED_PIF));
            }
        }
        return out;
    }
}
