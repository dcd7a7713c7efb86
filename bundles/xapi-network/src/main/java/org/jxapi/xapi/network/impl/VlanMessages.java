package org.jxapi.xapi.network.impl;

import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.api.VlanApi;
import org.jxapi.xenapi.model.types.Network;
import org.jxapi.xenapi.model.types.Pif;
import org.jxapi.xenapi.model.types.Session;
import org.jxapi.xenapi.model.types.Vlan;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** VLAN.create and VLAN.destroy (see {@link Vlans}). */
@Component(service = VlanApi.class)
public class VlanMessages implements VlanApi {
    private final NetworkCore core;

    @Activate
    public VlanMessages(@Reference(name = "core") NetworkCore core) {
        this.core = core;
    }

    @Override
    public Ref<Vlan> create(Ref<Session> sessionId, Ref<Pif> taggedPif, long tag, Ref<Network> network) {
        return new Vlans(core).create(taggedPif, tag, network);
    }

    @Override
    public void destroy(Ref<Session> sessionId, Ref<Vlan> self) {
        new Vlans(core).destroy(self);
    }
}
