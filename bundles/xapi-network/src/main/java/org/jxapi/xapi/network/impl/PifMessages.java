package org.jxapi.xapi.network.impl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jxapi.db.Row;
import org.jxapi.db.Snapshot;
import org.jxapi.networkd.api.NetworkdException;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.FieldValues;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.api.PifApi;
import org.jxapi.xenapi.model.types.Bond;
import org.jxapi.xenapi.model.types.Host;
import org.jxapi.xenapi.model.types.IpConfigurationMode;
import org.jxapi.xenapi.model.types.Ipv6ConfigurationMode;
import org.jxapi.xenapi.model.types.Network;
import org.jxapi.xenapi.model.types.Pif;
import org.jxapi.xenapi.model.types.PrimaryAddressType;
import org.jxapi.xenapi.model.types.Session;
import org.jxapi.xenapi.model.types.Vlan;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The PIF messages: introduce, scan and forget this host's NICs; plug, unplug and reconfigure through networkd. */
@Component(service = PifApi.class)
public class PifMessages implements PifApi {
    private final NetworkCore core;

    @Activate
    public PifMessages(@Reference(name = "core") NetworkCore core) {
        this.core = core;
    }

    @Override
    public Ref<Pif> introduce(Ref<Session> sessionId, Ref<Host> host, String mac, String device, boolean managed) {
        return new PifIntroducer(core).introduce(host, mac, device, managed);
    }

    @Override
    public void scan(Ref<Session> sessionId, Ref<Host> host) {
        new PifIntroducer(core).scan(host);
    }

    @Override
    public void forget(Ref<Session> sessionId, Ref<Pif> self) {
        Row p = core.db.snapshot().require(Pif.CLASS, self);
        if ((boolean) p.get(Pif.Fields.MANAGEMENT)) {
            throw ErrorCodes.PIF_IS_MANAGEMENT_INTERFACE.error(self.handle());
        }
        if (!((Set<?>) p.get(Pif.Fields.TUNNEL_TRANSPORT_PIF_OF)).isEmpty()) {
            throw ErrorCodes.PIF_TUNNEL_STILL_EXISTS.error(self.handle());
        }
        if (!((Set<?>) p.get(Pif.Fields.VLAN_SLAVE_OF)).isEmpty()) {
            throw ErrorCodes.PIF_VLAN_STILL_EXISTS.error(self.handle());
        }
        if (!((Set<?>) p.get(Pif.Fields.SRIOV_PHYSICAL_PIF_OF)).isEmpty()) {
            throw ErrorCodes.PIF_SRIOV_STILL_EXISTS.error(self.handle());
        }
        if (!((Set<?>) p.get(Pif.Fields.SRIOV_LOGICAL_PIF_OF)).isEmpty()) {
            throw ErrorCodes.CANNOT_FORGET_SRIOV_LOGICAL.error(self.handle());
        }
        if ((boolean) p.get(Pif.Fields.CURRENTLY_ATTACHED)) {
            new PifPlumbing(core).bringDown(self);
        }
        core.db.write(tx -> {
            PifRows.destroy(tx, self);
            return null;
        });
    }

    @Override
    public void plug(Ref<Session> sessionId, Ref<Pif> self) {
        Row p = core.db.snapshot().require(Pif.CLASS, self);
        if (!((Ref<?>) p.get(Pif.Fields.BOND_SLAVE_OF)).isNull()) {
            throw ErrorCodes.CANNOT_PLUG_BOND_SLAVE.error(self.handle());
        }
        new PifPlumbing(core).bringUp(self);
    }

    @Override
    public void unplug(Ref<Session> sessionId, Ref<Pif> self) {
        Row p = core.db.snapshot().require(Pif.CLASS, self);
        if ((boolean) p.get(Pif.Fields.DISALLOW_UNPLUG)) {
            throw ErrorCodes.PIF_DOES_NOT_ALLOW_UNPLUG.error(self.handle());
        }
        if ((boolean) p.get(Pif.Fields.MANAGEMENT)) {
            throw ErrorCodes.PIF_IS_MANAGEMENT_INTERFACE.error(self.handle());
        }
        new PifPlumbing(core).bringDown(self);
    }

    @Override
    public void reconfigureIp(Ref<Session> sessionId, Ref<Pif> self, IpConfigurationMode mode, String ip,
            String netmask, String gateway, String dns) {
        Row p = core.db.snapshot().require(Pif.CLASS, self);
        if (mode == IpConfigurationMode.STATIC) {
            Addresses.requireIpv4(ip, "IP");
            if (Addresses.prefixOf(netmask) < 0) {
                throw ErrorCodes.INVALID_IP_ADDRESS_SPECIFIED.error("netmask");
            }
            if (gateway != null && !gateway.isEmpty()) {
                Addresses.requireIpv4(gateway, "gateway");
            }
            if (dns != null && !dns.isEmpty()) {
                for (String d : dns.split(",")) {
                    Addresses.requireIpv4(d.trim(), "DNS");
                }
            }
        }
        if (mode == IpConfigurationMode.NONE && (boolean) p.get(Pif.Fields.MANAGEMENT)
                && p.get(Pif.Fields.PRIMARY_ADDRESS_TYPE) == PrimaryAddressType.IPV4) {
            throw ErrorCodes.PIF_IS_MANAGEMENT_INTERFACE.error(self.handle());
        }
        boolean keep = mode == IpConfigurationMode.STATIC;
        FieldValues<Pif> f = FieldValues.of(Pif.CLASS);
        f.put(Pif.Fields.IP_CONFIGURATION_MODE, mode);
        f.put(Pif.Fields.IP, keep ? ip : "");
        f.put(Pif.Fields.NETMASK, keep ? netmask : "");
        f.put(Pif.Fields.GATEWAY, keep && gateway != null ? gateway : "");
        f.put(Pif.Fields.DNS, keep && dns != null ? dns : "");
        core.db.write(tx -> {
            tx.update(self, f);
            if ((boolean) p.get(Pif.Fields.MANAGEMENT)) {
                tx.set(Host.Fields.ADDRESS, (Ref<?>) p.get(Pif.Fields.HOST), keep ? ip : "");
            }
            return null;
        });
        replugIfAttached(self);
    }

    @Override
    public void reconfigureIpv6(Ref<Session> sessionId, Ref<Pif> self, Ipv6ConfigurationMode mode, String ipv6,
            String gateway, String dns) {
        Row p = core.db.snapshot().require(Pif.CLASS, self);
        if (mode == Ipv6ConfigurationMode.STATIC) {
            Addresses.requireCidr(ipv6, true, "IPv6");
            if (gateway != null && !gateway.isEmpty() && !Addresses.isIpv6(gateway)) {
                throw ErrorCodes.INVALID_IP_ADDRESS_SPECIFIED.error("gateway");
            }
        }
        if (mode == Ipv6ConfigurationMode.NONE && (boolean) p.get(Pif.Fields.MANAGEMENT)
                && p.get(Pif.Fields.PRIMARY_ADDRESS_TYPE) == PrimaryAddressType.IPV6) {
            throw ErrorCodes.PIF_IS_MANAGEMENT_INTERFACE.error(self.handle());
        }
        boolean keep = mode == Ipv6ConfigurationMode.STATIC;
        FieldValues<Pif> f = FieldValues.of(Pif.CLASS);
        f.put(Pif.Fields.IPV6_CONFIGURATION_MODE, mode);
        f.put(Pif.Fields.IPV6, keep ? Set.of(ipv6) : Set.of());
        f.put(Pif.Fields.IPV6_GATEWAY, keep && gateway != null ? gateway : "");
        if (dns != null && !dns.isEmpty()) {
            f.put(Pif.Fields.DNS, dns);
        }
        core.db.write(tx -> {
            tx.update(self, f);
            return null;
        });
        replugIfAttached(self);
    }

    @Override
    public void setPrimaryAddressType(Ref<Session> sessionId, Ref<Pif> self, PrimaryAddressType type) {
        Row p = core.db.snapshot().require(Pif.CLASS, self);
        if ((boolean) p.get(Pif.Fields.MANAGEMENT)) {
            throw ErrorCodes.PIF_IS_MANAGEMENT_INTERFACE.error(self.handle());
        }
        core.db.write(tx -> {
            tx.set(Pif.Fields.PRIMARY_ADDRESS_TYPE, self, type);
            return null;
        });
    }

    /** Only {@code gro} (on | off), on a NIC or a bond (whose members follow), as the original allows. */
    @Override
    public void setProperty(Ref<Session> sessionId, Ref<Pif> self, String name, String value) {
        Snapshot s = core.db.snapshot();
        Row p = s.require(Pif.CLASS, self);
        Set<Ref<Bond>> bondOf = p.get(Pif.Fields.BOND_MASTER_OF);
        boolean physical = p.get(Pif.Fields.PHYSICAL);
        if (!((Ref<?>) p.get(Pif.Fields.BOND_SLAVE_OF)).isNull() || (!physical && bondOf.isEmpty())) {
            throw ErrorCodes.CANNOT_CHANGE_PIF_PROPERTIES.error(self.handle());
        }
        if (!"gro".equals(name)) {
            throw ErrorCodes.INVALID_VALUE.error("properties", name);
        }
        if (!"on".equals(value) && !"off".equals(value)) {
            throw ErrorCodes.INVALID_VALUE.error("value", value);
        }
        core.db.write(tx -> {
            putProperty(tx, self, name, value);
            for (Ref<Bond> b : bondOf) {
                for (Ref<Pif> slave : (Set<Ref<Pif>>) tx.require(Bond.CLASS, b).get(Bond.Fields.SLAVES)) {
                    putProperty(tx, slave, name, value);
                }
            }
            return null;
        });
        replugIfAttached(self);
    }

    @Override
    public void setDisallowUnplug(Ref<Session> sessionId, Ref<Pif> self, boolean value) {
        Row p = core.db.snapshot().require(Pif.CLASS, self);
        if ((boolean) p.get(Pif.Fields.DISALLOW_UNPLUG) == value) {
            return;
        }
        core.db.write(tx -> {
            tx.set(Pif.Fields.DISALLOW_UNPLUG, self, value);
            return null;
        });
        // Persistence follows disallow_unplug: networkd must bring the PIF back at boot.
        replugIfAttached(self);
    }

    @Override
    public Ref<Pif> dbIntroduce(Ref<Session> sessionId, String device, Ref<Network> network, Ref<Host> host,
            String mac, long mtu, long vlan, boolean physical, IpConfigurationMode ipConfigurationMode, String ip,
            String netmask, String gateway, String dns, Ref<Bond> bondSlaveOf, Ref<Vlan> vlanMasterOf,
            boolean management, Map<String, String> otherConfig, boolean disallowUnplug,
            Ipv6ConfigurationMode ipv6ConfigurationMode, Set<String> ipv6, String ipv6Gateway,
            PrimaryAddressType primaryAddressType, boolean managed, Map<String, String> properties) {
        return core.db.write(tx -> {
            tx.require(Host.CLASS, host);
            tx.require(Network.CLASS, network);
            Ref<Pif> pif = PifRows.pif(tx, host, network, device, mac, mtu, vlan, physical, managed);
            FieldValues<Pif> f = FieldValues.of(Pif.CLASS);
            f.put(Pif.Fields.IP_CONFIGURATION_MODE, ipConfigurationMode);
            f.put(Pif.Fields.IP, ip);
            f.put(Pif.Fields.NETMASK, netmask);
            f.put(Pif.Fields.GATEWAY, gateway);
            f.put(Pif.Fields.DNS, dns);
            f.put(Pif.Fields.BOND_SLAVE_OF, bondSlaveOf);
            f.put(Pif.Fields.VLAN_MASTER_OF, vlanMasterOf);
            f.put(Pif.Fields.MANAGEMENT, management);
            f.put(Pif.Fields.OTHER_CONFIG, new LinkedHashMap<>(otherConfig));
            f.put(Pif.Fields.DISALLOW_UNPLUG, disallowUnplug);
            f.put(Pif.Fields.IPV6_CONFIGURATION_MODE, ipv6ConfigurationMode);
            f.put(Pif.Fields.IPV6, ipv6);
            f.put(Pif.Fields.IPV6_GATEWAY, ipv6Gateway);
            f.put(Pif.Fields.PRIMARY_ADDRESS_TYPE, primaryAddressType);
            f.put(Pif.Fields.PROPERTIES, new LinkedHashMap<>(properties));
            tx.update(pif, f);
            return pif;
        });
    }

    @Override
    public void dbForget(Ref<Session> sessionId, Ref<Pif> self) {
        core.db.write(tx -> {
            tx.require(Pif.CLASS, self);
            PifRows.destroy(tx, self);
            return null;
        });
    }

    @Override
    public void destroy(Ref<Session> sessionId, Ref<Pif> self) {
        Row p = core.db.snapshot().require(Pif.CLASS, self);
        if ((boolean) p.get(Pif.Fields.PHYSICAL)) {
            throw ErrorCodes.PIF_IS_PHYSICAL.error(self.handle());
        }
        Ref<Vlan> vlan = p.get(Pif.Fields.VLAN_MASTER_OF);
        if (vlan.isNull()) {
            // Bonds and tunnels have their own destroy; PIF.destroy is for VLANs only, as in the original.
            throw ErrorCodes.PIF_IS_PHYSICAL.error(self.handle());
        }
        new Vlans(core).destroy(vlan);
    }

    @Override
    public Ref<Pif> createVlan(Ref<Session> sessionId, String device, Ref<Network> network, Ref<Host> host,
            long vlan) {
        Snapshot s = core.db.snapshot();
        s.require(Host.CLASS, host);
        Row tagged = PifRows.physicalByDevice(s, host, device);
        if (tagged == null) {
            throw ErrorCodes.INVALID_VALUE.error("device", device);
        }
        Ref<Vlan> v = new Vlans(core).create(tagged.ref().cast(), vlan, network);
        return core.db.snapshot().require(Vlan.CLASS, v).get(Vlan.Fields.UNTAGGED_PIF);
    }

    private static void putProperty(org.jxapi.db.WriteTransaction tx, Ref<?> pif, String name, String value) {
        Map<String, String> props = new LinkedHashMap<>(tx.require(Pif.CLASS, pif).get(Pif.Fields.PROPERTIES));
        props.put(name, value);
        tx.set(Pif.Fields.PROPERTIES, pif, props);
    }

    private void replugIfAttached(Ref<Pif> self) {
        if ((boolean) core.db.snapshot().require(Pif.CLASS, self).get(Pif.Fields.CURRENTLY_ATTACHED)) {
            new PifPlumbing(core).bringUp(self);
        }
    }

    static boolean networkdKnows(NetworkCore core, String device) {
        try {
            return core.networkd.interfaceExists(core.dbg(), device);
        } catch (NetworkdException e) {
            return false;
        }
    }
}
