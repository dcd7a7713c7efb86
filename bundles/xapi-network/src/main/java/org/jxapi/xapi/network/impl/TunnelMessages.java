package org.jxapi.xapi.network.impl;

import java.util.Map;
import java.util.Set;

import org.jxapi.db.Row;
import org.jxapi.db.Snapshot;
import org.jxapi.networkd.api.Kind;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.FieldValues;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.api.TunnelApi;
import org.jxapi.xenapi.model.types.IpConfigurationMode;
import org.jxapi.xenapi.model.types.Ipv6ConfigurationMode;
import org.jxapi.xenapi.model.types.Network;
import org.jxapi.xenapi.model.types.Pif;
import org.jxapi.xenapi.model.types.Session;
import org.jxapi.xenapi.model.types.Tunnel;
import org.jxapi.xenapi.model.types.TunnelProtocol;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * tunnel.create and destroy: an access PIF {@code tunnel<N>} on the network, over a transport PIF
 * with an IP configuration, only when networkd drives Open vSwitch (Bridge.get_kind). The far end
 * is the tunnel's {@code other_config:remote_ip} (and {@code key}): the original leaves it to the
 * vSwitch controller, jxapi has none.
 */
@Component(service = TunnelApi.class)
public class TunnelMessages implements TunnelApi {
    private final NetworkCore core;

    @Activate
    public TunnelMessages(@Reference(name = "core") NetworkCore core) {
        this.core = core;
    }

    static boolean configured(Row pif) {
        return pif.get(Pif.Fields.IP_CONFIGURATION_MODE) != IpConfigurationMode.NONE
                || pif.get(Pif.Fields.IPV6_CONFIGURATION_MODE) != Ipv6ConfigurationMode.NONE;
    }

    @Override
    public Ref<Tunnel> create(Ref<Session> sessionId, Ref<Pif> transportPif, Ref<Network> network,
            TunnelProtocol protocol) {
        Snapshot s = core.db.snapshot();
        Row t = s.require(Pif.CLASS, transportPif);
        Row net = s.require(Network.CLASS, network);
        if (core.networkd.bridgeGetKind(core.dbg()) != Kind.OPENVSWITCH) {
            throw ErrorCodes.OPENVSWITCH_NOT_ACTIVE.error();
        }
        if (!((Set<?>) t.get(Pif.Fields.TUNNEL_ACCESS_PIF_OF)).isEmpty()) {
            throw ErrorCodes.IS_TUNNEL_ACCESS_PIF.error(transportPif.handle());
        }
        if (!((Ref<?>) t.get(Pif.Fields.BOND_SLAVE_OF)).isNull()) {
            throw ErrorCodes.CANNOT_ADD_TUNNEL_TO_BOND_SLAVE.error(transportPif.handle());
        }
        Ref<?> host = t.get(Pif.Fields.HOST);
        Row other = NetworkCore.pifOn(s, host, network);
        if (other != null) {
            throw ErrorCodes.NETWORK_ALREADY_CONNECTED.error(network.handle(), other.ref().handle());
        }
        if (!configured(t)) {
            throw ErrorCodes.TRANSPORT_PIF_NOT_CONFIGURED.error(transportPif.handle());
        }
        Ref<Pif> access = Ref.fresh();
        Ref<Tunnel> tunnel = core.db.write(tx -> {
            PifRows.pif(tx, access, host, network, PifRows.freeDevice(tx, host, "tunnel"), Addresses.randomMac(),
                    net.get(Network.Fields.MTU), -1, false, true);
            FieldValues<Tunnel> f = FieldValues.of(Tunnel.CLASS);
            f.put(Tunnel.Fields.ACCESS_PIF, access);
            f.put(Tunnel.Fields.TRANSPORT_PIF, transportPif);
            f.put(Tunnel.Fields.PROTOCOL, protocol);
            f.put(Tunnel.Fields.STATUS, Map.of("active", "false"));
            return tx.create(Tunnel.CLASS, f);
        });
        if ((boolean) t.get(Pif.Fields.CURRENTLY_ATTACHED)) {
            new PifPlumbing(core).bringUp(access);
            core.db.write(tx -> {
                tx.set(Tunnel.Fields.STATUS, tunnel, Map.of("active", "true"));
                return null;
            });
        }
        return tunnel;
    }

    @Override
    public void destroy(Ref<Session> sessionId, Ref<Tunnel> self) {
        Row t = core.db.snapshot().require(Tunnel.CLASS, self);
        Ref<Pif> access = t.get(Tunnel.Fields.ACCESS_PIF);
        Row a = core.db.snapshot().row(Pif.CLASS, access);
        if (a != null && (boolean) a.get(Pif.Fields.CURRENTLY_ATTACHED)) {
            new PifPlumbing(core).bringDown(access);
        }
        core.db.write(tx -> {
            tx.destroy(Tunnel.CLASS, self);
            PifRows.destroy(tx, access);
            return null;
        });
    }
}
