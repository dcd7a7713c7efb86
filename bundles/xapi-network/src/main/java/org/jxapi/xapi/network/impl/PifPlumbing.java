package org.jxapi.xapi.network.impl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jxapi.db.Row;
import org.jxapi.db.Snapshot;
import org.jxapi.networkd.api.Address;
import org.jxapi.networkd.api.BridgeConfig;
import org.jxapi.networkd.api.Dns;
import org.jxapi.networkd.api.InterfaceConfig;
import org.jxapi.networkd.api.Ipv4Conf;
import org.jxapi.networkd.api.Ipv6Conf;
import org.jxapi.networkd.api.PortConfig;
import org.jxapi.networkd.api.Tunnel;
import org.jxapi.networkd.api.Vlan;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.types.Bond;
import org.jxapi.xenapi.model.types.IpConfigurationMode;
import org.jxapi.xenapi.model.types.Ipv6ConfigurationMode;
import org.jxapi.xenapi.model.types.Network;
import org.jxapi.xenapi.model.types.Pif;
import org.jxapi.xenapi.model.types.Tunnel.Fields;

/**
 * Brings one PIF up or down through networkd, as the original's {@code Nm.bring_pif_up}: the
 * whole configuration of exactly that PIF's bridge and of its interfaces (a plain NIC, a bond, a
 * VLAN of the parent's bridge, a tunnel port), persistent when the PIF is the management one or
 * must not be unplugged, so that networkd brings it back at boot before xapi runs.
 */
final class PifPlumbing {
    private final NetworkCore core;

    PifPlumbing(NetworkCore core) {
        this.core = core;
    }

    void bringUp(Ref<?> pif) {
        Snapshot s = core.db.snapshot();
        Row p = s.require(Pif.CLASS, pif);
        Row net = s.require(Network.CLASS, (Ref<?>) p.get(Pif.Fields.NETWORK));
        String bridge = net.get(Network.Fields.BRIDGE);
        boolean persistent = p.get(Pif.Fields.MANAGEMENT) || p.get(Pif.Fields.DISALLOW_UNPLUG);
        int mtu = (int) (long) net.get(Network.Fields.MTU);
        Map<String, PortConfig> ports = new LinkedHashMap<>();
        Map<String, InterfaceConfig> interfaces = new LinkedHashMap<>();
        Vlan vlan = null;
        String device = p.get(Pif.Fields.DEVICE);
        Ref<?> vlanOf = p.get(Pif.Fields.VLAN_MASTER_OF);
        Set<Ref<Bond>> bondOf = p.get(Pif.Fields.BOND_MASTER_OF);
        Set<Ref<org.jxapi.xenapi.model.types.Tunnel>> tunnelOf = p.get(Pif.Fields.TUNNEL_ACCESS_PIF_OF);
        if (!vlanOf.isNull()) {
            Row v = s.require(org.jxapi.xenapi.model.types.Vlan.CLASS, vlanOf);
            Row tagged = s.require(Pif.CLASS, (Ref<?>) v.get(org.jxapi.xenapi.model.types.Vlan.Fields.TAGGED_PIF));
            if (!(boolean) tagged.get(Pif.Fields.CURRENTLY_ATTACHED)) {
                bringUp(tagged.ref());
            }
            String parent = s.require(Network.CLASS, (Ref<?>) tagged.get(Pif.Fields.NETWORK)).get(Network.Fields.BRIDGE);
            vlan = new Vlan(parent, (int) (long) v.get(org.jxapi.xenapi.model.types.Vlan.Fields.TAG));
        } else if (!bondOf.isEmpty()) {
            Row b = s.require(Bond.CLASS, bondOf.iterator().next());
            List<String> members = new java.util.ArrayList<>();
            for (Ref<Pif> slave : (Set<Ref<Pif>>) b.get(Bond.Fields.SLAVES)) {
                String dev = s.require(Pif.CLASS, slave).get(Pif.Fields.DEVICE);
                members.add(dev);
                interfaces.put(dev, InterfaceConfig.DEFAULT.withMtu(mtu).withPersistent(persistent));
            }
            java.util.Collections.sort(members);
            Map<String, String> props = new LinkedHashMap<>(b.get(Bond.Fields.PROPERTIES));
            props.put("mode", ((org.jxapi.xenapi.model.types.BondMode) b.get(Bond.Fields.MODE)).wireName());
            ports.put(device, PortConfig.bond(members, props, p.get(Pif.Fields.MAC)));
        } else if (!tunnelOf.isEmpty()) {
            Row t = s.require(org.jxapi.xenapi.model.types.Tunnel.CLASS, tunnelOf.iterator().next());
            Row transport = s.require(Pif.CLASS, (Ref<?>) t.get(Fields.TRANSPORT_PIF));
            if (!TunnelMessages.configured(transport)) {
                throw ErrorCodes.TRANSPORT_PIF_NOT_CONFIGURED.error(transport.ref().handle());
            }
            if (!(boolean) transport.get(Pif.Fields.CURRENTLY_ATTACHED)) {
                bringUp(transport.ref());
            }
            Map<String, String> other = t.get(Fields.OTHER_CONFIG);
            String remote = other.get("remote_ip");
            if (remote != null && !remote.isEmpty()) {
                Tunnel.Protocol proto = Tunnel.Protocol.of(
                        ((org.jxapi.xenapi.model.types.TunnelProtocol) t.get(Fields.PROTOCOL)).wireName());
                ports.put(device, PortConfig.tunnel(new Tunnel(proto, remote, other.get("key"))));
            }
        } else {
            ports.put(device, PortConfig.of(device));
            interfaces.put(device, InterfaceConfig.DEFAULT.withMtu(mtu).withPersistent(persistent));
        }
        interfaces.put(bridge, bridgeInterface(p, mtu, persistent));
        BridgeConfig bc = new BridgeConfig(ports, vlan, p.get(Pif.Fields.MAC), null,
                Map.of("network-uuids", net.uuid()), persistent);
        String dbg = core.dbg();
        try {
            core.networkd.bridgeMakeConfig(dbg, false, Map.of(bridge, bc));
            core.networkd.interfaceMakeConfig(dbg, false, interfaces);
            if (p.get(Pif.Fields.MANAGEMENT)) {
                core.networkd.setGatewayInterface(dbg, bridge);
                core.networkd.setDnsInterface(dbg, bridge);
            }
        } catch (XenApiException e) {
            if (e instanceof org.jxapi.networkd.api.NetworkdException) {
                throw NetworkCore.configurationError(pif, e);
            }
            throw e;
        }
        core.db.write(tx -> {
            tx.set(Pif.Fields.CURRENTLY_ATTACHED, pif, true);
            return null;
        });
        new PifMetricsUpdater(core).refresh(pif);
    }

    /** The bridge's own interface: the PIF's addresses, gateway, DNS (management only) and MTU. */
    static InterfaceConfig bridgeInterface(Row p, int mtu, boolean persistent) {
        Ipv4Conf v4 = Ipv4Conf.NONE;
        String gw = null;
        IpConfigurationMode mode = p.get(Pif.Fields.IP_CONFIGURATION_MODE);
        if (mode == IpConfigurationMode.DHCP) {
            v4 = Ipv4Conf.DHCP;
        } else if (mode == IpConfigurationMode.STATIC) {
            v4 = Ipv4Conf.of(new Address(p.get(Pif.Fields.IP), Math.max(0, Addresses.prefixOf(p.get(Pif.Fields.NETMASK)))));
            String g = p.get(Pif.Fields.GATEWAY);
            gw = g == null || g.isEmpty() ? null : g;
        }
        Ipv6Conf v6 = Ipv6Conf.NONE;
        String gw6 = null;
        Ipv6ConfigurationMode mode6 = p.get(Pif.Fields.IPV6_CONFIGURATION_MODE);
        if (mode6 == Ipv6ConfigurationMode.DHCP) {
            v6 = Ipv6Conf.DHCP;
        } else if (mode6 == Ipv6ConfigurationMode.AUTOCONF) {
            v6 = Ipv6Conf.AUTOCONF;
        } else if (mode6 == Ipv6ConfigurationMode.STATIC) {
            List<Address> a = new java.util.ArrayList<>();
            for (String cidr : (Set<String>) p.get(Pif.Fields.IPV6)) {
                a.add(Address.parse(cidr));
            }
            v6 = new Ipv6Conf.Static(a);
            String g = p.get(Pif.Fields.IPV6_GATEWAY);
            gw6 = g == null || g.isEmpty() ? null : g;
        }
        Dns dns = Dns.NONE;
        String servers = p.get(Pif.Fields.DNS);
        if ((boolean) p.get(Pif.Fields.MANAGEMENT) && servers != null && !servers.isEmpty()) {
            dns = new Dns(List.of(servers.split(",")), List.of());
        }
        return new InterfaceConfig(v4, gw, v6, gw6, List.of(), dns, mtu, Map.of(), Map.of(), persistent);
    }

    void bringDown(Ref<?> pif) {
        Snapshot s = core.db.snapshot();
        Row p = s.require(Pif.CLASS, pif);
        String bridge = s.require(Network.CLASS, (Ref<?>) p.get(Pif.Fields.NETWORK)).get(Network.Fields.BRIDGE);
        try {
            release(bridge, ownPort(p));
        } catch (org.jxapi.networkd.api.NetworkdException e) {
            throw NetworkCore.configurationError(pif, e);
        }
        core.db.write(tx -> {
            tx.set(Pif.Fields.CURRENTLY_ATTACHED, pif, false);
            return null;
        });
    }

    /** The port a PIF puts on its bridge: its device (a NIC, a bond, a tunnel); none for a VLAN's fake bridge. */
    static String ownPort(Row p) {
        return ((Ref<?>) p.get(Pif.Fields.VLAN_MASTER_OF)).isNull() ? p.get(Pif.Fields.DEVICE) : null;
    }

    /**
     * Takes the PIF's own port off its bridge, then destroys the bridge unforced: a bridge that still
     * carries guests' ports or VLAN bridges stays (do no harm), and goes with the last of them.
     */
    void release(String bridge, String port) {
        String dbg = core.dbg();
        if (port != null && core.networkd.bridgeGetAll(dbg).contains(bridge)) {
            core.networkd.bridgeRemovePort(dbg, bridge, port);
        }
        core.networkd.bridgeDestroy(dbg, false, bridge);
    }
}
