package org.jxapi.xapi.network.impl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.jxapi.db.Row;
import org.jxapi.db.Snapshot;
import org.jxapi.db.WriteTransaction;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.FieldValues;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.api.BondApi;
import org.jxapi.xenapi.model.types.Bond;
import org.jxapi.xenapi.model.types.BondMode;
import org.jxapi.xenapi.model.types.Host;
import org.jxapi.xenapi.model.types.IpConfigurationMode;
import org.jxapi.xenapi.model.types.Network;
import org.jxapi.xenapi.model.types.Pif;
import org.jxapi.xenapi.model.types.Session;
import org.jxapi.xenapi.model.types.Tunnel;
import org.jxapi.xenapi.model.types.Vif;
import org.jxapi.xenapi.model.types.Vlan;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Bond.create, destroy, set_mode and set_property as the original's {@code xapi_bond}: 2 to 4
 * members of one host, none bonded, tagged or a tunnel's access PIF, with equal properties and at
 * most one IP configuration; the primary member (the management PIF, else the one with an IP
 * configuration, else the first) gives the MAC when none is given, its IP configuration and
 * management move to the master, and its VLANs, tunnels and VIFs follow; destroy moves them back.
 */
@Component(service = BondApi.class)
public class BondMessages implements BondApi {
    static final int MAX_MEMBERS = 4;
    private final NetworkCore core;

    @Activate
    public BondMessages(@Reference(name = "core") NetworkCore core) {
        this.core = core;
    }

    @Override
    public Ref<Bond> create(Ref<Session> sessionId, Ref<Network> network, Set<Ref<Pif>> members, String mac,
            BondMode mode, Map<String, String> properties) {
        Snapshot s = core.db.snapshot();
        s.require(Network.CLASS, network);
        if (members.size() < 2) {
            throw ErrorCodes.PIF_BOND_NEEDS_MORE_MEMBERS.error();
        }
        if (members.size() > MAX_MEMBERS) {
            throw ErrorCodes.INVALID_VALUE.error("members", Integer.toString(members.size()));
        }
        if (mac != null && !mac.isEmpty() && !Addresses.isMac(mac)) {
            throw ErrorCodes.MAC_INVALID.error(mac);
        }
        Map<String, String> props = BondProperties.withDefaults(mode, properties);
        List<Row> rows = new ArrayList<>();
        for (Ref<Pif> m : new TreeSet<>(members)) {
            rows.add(s.require(Pif.CLASS, m));
        }
        // Model order of the client's set is not kept on the wire: the first member is the first by device.
        rows.sort((a, b) -> ((String) a.get(Pif.Fields.DEVICE)).compareTo(b.get(Pif.Fields.DEVICE)));
        Set<Object> hosts = new java.util.HashSet<>();
        for (Row p : rows) {
            if (!((Ref<?>) p.get(Pif.Fields.BOND_SLAVE_OF)).isNull()) {
                throw ErrorCodes.PIF_ALREADY_BONDED.error(p.ref().handle());
            }
            if ((long) p.get(Pif.Fields.VLAN) != -1L) {
                throw ErrorCodes.PIF_VLAN_EXISTS.error((String) p.get(Pif.Fields.DEVICE));
            }
            if (!((Set<?>) p.get(Pif.Fields.TUNNEL_ACCESS_PIF_OF)).isEmpty()) {
                throw ErrorCodes.IS_TUNNEL_ACCESS_PIF.error(p.ref().handle());
            }
            if (!(boolean) p.get(Pif.Fields.MANAGED)) {
                throw ErrorCodes.PIF_UNMANAGED.error(p.ref().handle());
            }
            hosts.add(p.get(Pif.Fields.HOST));
        }
        if (hosts.size() != 1) {
            throw ErrorCodes.PIF_CANNOT_BOND_CROSS_HOST.error();
        }
        Ref<Host> host = rows.get(0).get(Pif.Fields.HOST);
        Row other = NetworkCore.pifOn(s, host, network);
        if (other != null) {
            throw ErrorCodes.NETWORK_ALREADY_CONNECTED.error(network.handle(), other.ref().handle());
        }
        Map<String, String> pifProps = rows.get(0).get(Pif.Fields.PROPERTIES);
        for (Row p : rows) {
            if (!Objects.equals(pifProps, p.get(Pif.Fields.PROPERTIES))) {
                throw ErrorCodes.INCOMPATIBLE_PIF_PROPERTIES.error();
            }
        }
        List<Row> withIp = rows.stream().filter(p -> p.get(Pif.Fields.IP_CONFIGURATION_MODE) != IpConfigurationMode.NONE).toList();
        if (withIp.size() > 1) {
            throw ErrorCodes.PIF_BOND_MORE_THAN_ONE_IP.error();
        }
        Row management = rows.stream().filter(p -> (boolean) p.get(Pif.Fields.MANAGEMENT)).findFirst().orElse(null);
        Row primary = management != null ? management : !withIp.isEmpty() ? withIp.get(0) : rows.get(0);
        String bondMac = mac == null || mac.isEmpty() ? primary.get(Pif.Fields.MAC) : mac.toLowerCase();
        boolean attached = rows.stream().anyMatch(p -> (boolean) p.get(Pif.Fields.CURRENTLY_ATTACHED));
        boolean disallowUnplug = rows.stream().anyMatch(p -> (boolean) p.get(Pif.Fields.DISALLOW_UNPLUG));
        long mtu = s.require(Network.CLASS, network).get(Network.Fields.MTU);
        Ref<Pif> master = Ref.fresh();
        Ref<Bond> bond = core.db.write(tx -> {
            PifRows.pif(tx, master, host, network, PifRows.freeDevice(tx, host, "bond"), bondMac, mtu, -1, false, true);
            tx.set(Pif.Fields.PROPERTIES, master, new LinkedHashMap<>(pifProps));
            FieldValues<Bond> f = FieldValues.of(Bond.CLASS);
            f.put(Bond.Fields.MASTER, master);
            f.put(Bond.Fields.PRIMARY_SLAVE, primary.ref().cast());
            f.put(Bond.Fields.MODE, mode);
            f.put(Bond.Fields.PROPERTIES, props);
            Ref<Bond> b = tx.create(Bond.CLASS, f);
            for (Row p : rows) {
                tx.set(Pif.Fields.BOND_SLAVE_OF, p.ref(), b);
                tx.set(Pif.Fields.DISALLOW_UNPLUG, p.ref(), false);
                tx.set(Pif.Fields.CURRENTLY_ATTACHED, p.ref(), false);
            }
            tx.set(Pif.Fields.DISALLOW_UNPLUG, master, disallowUnplug);
            moveConfiguration(tx, primary.ref(), master);
            for (Row p : rows) {
                moveDependants(tx, p.ref(), master, network);
            }
            return b;
        });
        if (attached || management != null) {
            // The members' own bridges go; the bond's bridge takes their place.
            for (Row p : rows) {
                if ((boolean) p.get(Pif.Fields.CURRENTLY_ATTACHED)) {
                    releaseQuietly(s.require(Network.CLASS, (Ref<?>) p.get(Pif.Fields.NETWORK)).get(Network.Fields.BRIDGE),
                            p.get(Pif.Fields.DEVICE));
                }
            }
            new PifPlumbing(core).bringUp(master);
        }
        return bond;
    }

    @Override
    public void destroy(Ref<Session> sessionId, Ref<Bond> self) {
        Snapshot s = core.db.snapshot();
        Row b = s.require(Bond.CLASS, self);
        Ref<Pif> master = b.get(Bond.Fields.MASTER);
        Row m = s.require(Pif.CLASS, master);
        Set<Ref<Pif>> slaves = b.get(Bond.Fields.SLAVES);
        Ref<Pif> primary = b.get(Bond.Fields.PRIMARY_SLAVE);
        if (primary.isNull() || !slaves.contains(primary)) {
            primary = new TreeSet<>(slaves).first();
        }
        Ref<Pif> first = primary;
        boolean plugged = m.get(Pif.Fields.CURRENTLY_ATTACHED);
        boolean management = m.get(Pif.Fields.MANAGEMENT);
        Ref<Network> primaryNet = s.require(Pif.CLASS, first).get(Pif.Fields.NETWORK);
        if (plugged) {
            new PifPlumbing(core).bringDown(master);
        }
        core.db.write(tx -> {
            moveConfiguration(tx, master, first);
            moveDependants(tx, master, first, primaryNet);
            if ((boolean) tx.require(Pif.CLASS, master).get(Pif.Fields.DISALLOW_UNPLUG)) {
                tx.set(Pif.Fields.DISALLOW_UNPLUG, first, true);
            }
            tx.destroy(Bond.CLASS, self);
            PifRows.destroy(tx, master);
            for (Ref<Pif> p : slaves) {
                tx.set(Pif.Fields.BOND_SLAVE_OF, p, Ref.nullRef());
            }
            return null;
        });
        if (plugged || management) {
            for (Ref<Pif> p : slaves) {
                new PifPlumbing(core).bringUp(p);
            }
        }
    }

    @Override
    public void setMode(Ref<Session> sessionId, Ref<Bond> self, BondMode value) {
        Row b = core.db.snapshot().require(Bond.CLASS, self);
        Map<String, String> props = BondProperties.forNewMode(value, b.get(Bond.Fields.PROPERTIES));
        core.db.write(tx -> {
            tx.set(Bond.Fields.MODE, self, value);
            tx.set(Bond.Fields.PROPERTIES, self, props);
            return null;
        });
        replugMaster(b);
    }

    @Override
    public void setProperty(Ref<Session> sessionId, Ref<Bond> self, String name, String value) {
        Row b = core.db.snapshot().require(Bond.CLASS, self);
        BondProperties.validate(b.get(Bond.Fields.MODE), name, value);
        core.db.write(tx -> {
            Map<String, String> props = new LinkedHashMap<>(tx.require(Bond.CLASS, self).get(Bond.Fields.PROPERTIES));
            props.put(name, value);
            tx.set(Bond.Fields.PROPERTIES, self, props);
            return null;
        });
        replugMaster(b);
    }

    private void replugMaster(Row bond) {
        Ref<Pif> master = bond.get(Bond.Fields.MASTER);
        Row m = core.db.snapshot().row(Pif.CLASS, master);
        if (m != null && (boolean) m.get(Pif.Fields.CURRENTLY_ATTACHED)) {
            new PifPlumbing(core).bringUp(master);
        }
    }

    /** The IP configuration and management of {@code from} go to {@code to}; {@code from} keeps none. */
    static void moveConfiguration(WriteTransaction tx, Ref<?> from, Ref<?> to) {
        Row f = tx.require(Pif.CLASS, from);
        FieldValues<Pif> v = FieldValues.of(Pif.CLASS);
        v.put(Pif.Fields.IP_CONFIGURATION_MODE, f.get(Pif.Fields.IP_CONFIGURATION_MODE));
        v.put(Pif.Fields.IP, f.get(Pif.Fields.IP));
        v.put(Pif.Fields.NETMASK, f.get(Pif.Fields.NETMASK));
        v.put(Pif.Fields.GATEWAY, f.get(Pif.Fields.GATEWAY));
        v.put(Pif.Fields.DNS, f.get(Pif.Fields.DNS));
        v.put(Pif.Fields.IPV6_CONFIGURATION_MODE, f.get(Pif.Fields.IPV6_CONFIGURATION_MODE));
        v.put(Pif.Fields.IPV6, f.get(Pif.Fields.IPV6));
        v.put(Pif.Fields.IPV6_GATEWAY, f.get(Pif.Fields.IPV6_GATEWAY));
        v.put(Pif.Fields.PRIMARY_ADDRESS_TYPE, f.get(Pif.Fields.PRIMARY_ADDRESS_TYPE));
        v.put(Pif.Fields.MANAGEMENT, f.get(Pif.Fields.MANAGEMENT));
        tx.update(to, v);
        FieldValues<Pif> none = FieldValues.of(Pif.CLASS);
        none.put(Pif.Fields.IP_CONFIGURATION_MODE, IpConfigurationMode.NONE);
        none.put(Pif.Fields.IP, "");
        none.put(Pif.Fields.NETMASK, "");
        none.put(Pif.Fields.GATEWAY, "");
        none.put(Pif.Fields.DNS, "");
        none.put(Pif.Fields.MANAGEMENT, false);
        tx.update(from, none);
    }

    /** VLANs tagged on {@code from}, tunnels over it and the VIFs of its network follow it to {@code to}. */
    static void moveDependants(WriteTransaction tx, Ref<?> from, Ref<?> to, Ref<Network> toNetwork) {
        Row f = tx.require(Pif.CLASS, from);
        for (Ref<Vlan> v : (Set<Ref<Vlan>>) f.get(Pif.Fields.VLAN_SLAVE_OF)) {
            tx.set(Vlan.Fields.TAGGED_PIF, v, to.cast());
        }
        for (Ref<Tunnel> t : (Set<Ref<Tunnel>>) f.get(Pif.Fields.TUNNEL_TRANSPORT_PIF_OF)) {
            tx.set(Tunnel.Fields.TRANSPORT_PIF, t, to.cast());
        }
        Ref<Network> net = f.get(Pif.Fields.NETWORK);
        if (!net.equals(toNetwork) && tx.row(Network.CLASS, net) != null) {
            for (Ref<Vif> vif : (Set<Ref<Vif>>) tx.require(Network.CLASS, net).get(Network.Fields.VIFS)) {
                tx.set(Vif.Fields.NETWORK, vif, toNetwork);
            }
        }
    }

    private void releaseQuietly(String bridge, String port) {
        try {
            new PifPlumbing(core).release(bridge, port);
        } catch (org.jxapi.networkd.api.NetworkdException e) {
            org.slf4j.LoggerFactory.getLogger(BondMessages.class).warn("bridge {} of a new bond member kept: {}",
                    bridge, e.errorDescription());
        }
    }
}
