package org.jxapi.xenops.json.impl;

import static org.jxapi.xenops.json.impl.Plain.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jxapi.xenops.api.DeviceId;
import org.jxapi.xenops.api.DeviceNumber;
import org.jxapi.xenops.api.IoniceQos;
import org.jxapi.xenops.api.IpConfiguration;
import org.jxapi.xenops.api.LockingMode;
import org.jxapi.xenops.api.Metadata;
import org.jxapi.xenops.api.Network;
import org.jxapi.xenops.api.Pci;
import org.jxapi.xenops.api.PciAddress;
import org.jxapi.xenops.api.PvsProxy;
import org.jxapi.xenops.api.Vbd;
import org.jxapi.xenops.api.VbdState;
import org.jxapi.xenops.api.Vgpu;
import org.jxapi.xenops.api.Vif;
import org.jxapi.xenops.api.Vusb;

/** The codec for device records (VBD, VIF, PCI, VGPU, VUSB), device ids and VM metadata. */
final class DeviceWire {
    private DeviceWire() {
    }

    static Object encode(DeviceId id) {
        return list(id.vm(), id.device());
    }

    static DeviceId decodeDeviceId(Object v) {
        List<Object> p = arr(v, "device id");
        if (p.size() != 2) {
            throw bad("device id", "[vm, device]", v);
        }
        return new DeviceId(str(p.get(0), "vm"), str(p.get(1), "device"));
    }

    static Object encode(DeviceNumber n) {
        return list(n.bus().wireName(), n.disk(), n.partition());
    }

    static DeviceNumber decodeDeviceNumber(Object v) {
        List<Object> p = arr(v, "device number");
        return new DeviceNumber(DeviceNumber.Bus.ofWireName(tag(p.get(0), "bus")), intg(p.get(1), "disk"),
                intg(p.get(2), "partition"));
    }

    static Map<String, Object> encode(PciAddress a) {
        Map<String, Object> m = record();
        m.put("domain", a.domain());
        m.put("bus", a.bus());
        m.put("dev", a.dev());
        m.put("fn", a.fn());
        return m;
    }

    static PciAddress decodePciAddress(Object v) {
        if (v instanceof String s) {
            return PciAddress.parse(s);
        }
        Map<String, Object> m = obj(v, "pci address");
        return new PciAddress(intg(m, "domain", 0), intg(m, "bus", 0), intg(m, "dev", 0), intg(m, "fn", 0));
    }

    // VBD

    private static Object encode(IoniceQos q) {
        Object level = q.level() == null ? null
                : q.level().chars().allMatch(Character::isDigit) ? list("Other", Long.parseLong(q.level())) : q.level();
        return list("Ionice", variant(q.schedulerClass(), level));
    }

    private static IoniceQos decodeQos(Object v) {
        Object sched = contents(v);
        String cls = tag(sched, "qos");
        Object level = contents(sched);
        String l = level == null ? null : tag(level, "qos class").equals("Other")
                ? String.valueOf(lng(contents(level), "qos")) : tag(level, "qos class");
        return new IoniceQos(cls, l);
    }

    static Map<String, Object> encode(Vbd v) {
        Map<String, Object> m = record();
        m.put("id", encode(v.id()));
        putOpt(m, "position", v.position() == null ? null : encode(v.position()));
        m.put("mode", v.mode().wireName());
        putOpt(m, "backend", Wire.encode(v.backend()));
        m.put("ty", v.type().wireName());
        m.put("unpluggable", v.unpluggable());
        m.put("extra_backend_keys", new LinkedHashMap<>(v.extraBackendKeys()));
        m.put("extra_private_keys", new LinkedHashMap<>(v.extraPrivateKeys()));
        putOpt(m, "qos", v.qos() == null ? null : encode(v.qos()));
        m.put("persistent", v.persistent());
        m.put("can_attach_early", v.canAttachEarly());
        return m;
    }

    static Vbd decodeVbd(Object o) {
        Map<String, Object> m = obj(o, "VBD");
        Object pos = optField(m, "position");
        Object backend = optField(m, "backend");
        Object qos = optField(m, "qos");
        String mode = str(m, "mode", "ReadWrite");
        String ty = str(m, "ty", "Disk");
        return new Vbd(decodeDeviceId(req(m, "id", "VBD")), pos == null ? null : decodeDeviceNumber(pos),
                mode.equals("ReadOnly") ? Vbd.Mode.READ_ONLY : Vbd.Mode.READ_WRITE,
                backend == null ? null : Wire.decodeDisk(backend),
                switch (ty) {
                    case "CDROM" -> Vbd.Type.CDROM;
                    case "Floppy" -> Vbd.Type.FLOPPY;
                    default -> Vbd.Type.DISK;
                },
                bool(m, "unpluggable", true), strMap(m.get("extra_backend_keys"), "extra_backend_keys"),
                strMap(m.get("extra_private_keys"), "extra_private_keys"), qos == null ? null : decodeQos(qos),
                bool(m, "persistent", true), bool(m, "can_attach_early", false));
    }

    static Map<String, Object> encode(VbdState s) {
        Map<String, Object> m = record();
        m.put("active", s.active());
        m.put("plugged", s.plugged());
        putOpt(m, "qos_target", s.qosTarget() == null ? null : encode(s.qosTarget()));
        putOpt(m, "backend_present", Wire.encode(s.backendPresent()));
        return m;
    }

    static VbdState decodeVbdState(Object o) {
        Map<String, Object> m = obj(o, "VBD state");
        Object qos = optField(m, "qos_target");
        Object b = optField(m, "backend_present");
        return new VbdState(bool(m, "active", false), bool(m, "plugged", false), qos == null ? null : decodeQos(qos),
                b == null ? null : Wire.decodeDisk(b));
    }

    // VIF

    static Object encode(Network n) {
        return switch (n.kind()) {
            case LOCAL -> list("Local", n.name());
            case REMOTE -> list("Remote", list(n.vm(), n.name()));
            case SRIOV -> list("Sriov", encode(n.sriov()));
        };
    }

    static Network decodeNetwork(Object v) {
        String tag = tag(v, "network");
        Object c = contents(v);
        return switch (tag) {
            case "Local" -> Network.local(str(c, "network"));
            case "Remote" -> {
                List<Object> p = arr(c, "network");
                yield Network.remote(str(p.get(0), "vm"), str(p.get(1), "switch"));
            }
            case "Sriov" -> Network.sriov(decodePciAddress(c));
            default -> throw new IllegalArgumentException("unknown network " + tag);
        };
    }

    static Object encode(LockingMode l) {
        return switch (l.kind()) {
            case UNLOCKED -> "Unlocked";
            case DISABLED -> "Disabled";
            case LOCKED -> {
                Map<String, Object> m = record();
                m.put("ipv4", new ArrayList<Object>(l.ipv4()));
                m.put("ipv6", new ArrayList<Object>(l.ipv6()));
                yield list("Locked", m);
            }
        };
    }

    static LockingMode decodeLockingMode(Object v) {
        String tag = tag(v, "locking mode");
        return switch (tag) {
            case "Unlocked" -> LockingMode.unlocked();
            case "Disabled" -> new LockingMode(LockingMode.Kind.DISABLED, List.of(), List.of());
            case "Locked" -> {
                Map<String, Object> m = obj(contents(v), "locked addresses");
                yield new LockingMode(LockingMode.Kind.LOCKED, strList(m.get("ipv4"), "ipv4"),
                        strList(m.get("ipv6"), "ipv6"));
            }
            default -> throw new IllegalArgumentException("unknown locking mode " + tag);
        };
    }

    /** An IP configuration; {@code v6} picks the IPv6 tags (Unspecified6, Static6, Autoconf6). */
    static Object encode(IpConfiguration c, boolean v6) {
        String n = v6 ? "6" : "4";
        return switch (c.kind()) {
            case UNSPECIFIED -> "Unspecified" + n;
            case AUTOMATIC -> v6 ? "Autoconf6" : "DHCP4";
            case STATIC -> list("Static" + n, list(new ArrayList<Object>(c.addresses()),
                    c.gateway() == null ? list() : list(c.gateway())));
        };
    }

    static IpConfiguration decodeIpConfiguration(Object v) {
        String tag = tag(v, "ip configuration");
        if (tag.startsWith("Unspecified")) {
            return IpConfiguration.unspecified();
        }
        if (tag.equals("DHCP4") || tag.equals("Autoconf6")) {
            return new IpConfiguration(IpConfiguration.Kind.AUTOMATIC, List.of(), null);
        }
        List<Object> p = arr(contents(v), tag);
        Object gw = unwrapOption(p.size() > 1 ? p.get(1) : null);
        return new IpConfiguration(IpConfiguration.Kind.STATIC, strList(p.get(0), tag),
                gw == null ? null : str(gw, "gateway"));
    }

    static Object encode(PvsProxy p) {
        List<Object> servers = new ArrayList<>();
        for (PvsProxy.Server s : p.servers()) {
            Map<String, Object> m = record();
            m.put("addresses", new ArrayList<Object>(s.addresses()));
            m.put("first_port", s.firstPort());
            m.put("last_port", s.lastPort());
            servers.add(m);
        }
        return list(p.site(), servers, p.interfaceName());
    }

    static PvsProxy decodePvsProxy(Object v) {
        List<Object> t = arr(v, "pvs proxy");
        return new PvsProxy(str(t.get(0), "site"), list(t.get(1), "servers", s -> {
            Map<String, Object> m = obj(s, "server");
            return new PvsProxy.Server(strList(m.get("addresses"), "addresses"), intg(m, "first_port", 0),
                    intg(m, "last_port", 0));
        }), str(t.get(2), "interface"));
    }

    static Map<String, Object> encode(Vif v) {
        Map<String, Object> m = record();
        m.put("id", encode(v.id()));
        m.put("position", v.position());
        m.put("mac", v.mac());
        m.put("carrier", v.carrier());
        m.put("mtu", v.mtu());
        putOpt(m, "rate", v.rate() == null ? null : list(v.rate().kbps(), v.rate().timesliceUs()));
        m.put("backend", encode(v.backend()));
        m.put("other_config", new LinkedHashMap<>(v.otherConfig()));
        m.put("locking_mode", encode(v.lockingMode()));
        m.put("extra_private_keys", new LinkedHashMap<>(v.extraPrivateKeys()));
        m.put("ipv4_configuration", encode(v.ipv4Configuration(), false));
        m.put("ipv6_configuration", encode(v.ipv6Configuration(), true));
        putOpt(m, "pvs_proxy", v.pvsProxy() == null ? null : encode(v.pvsProxy()));
        putOpt(m, "vlan", v.vlan());
        m.put("trunks", new ArrayList<Object>(v.trunks()));
        return m;
    }

    static Vif decodeVif(Object o) {
        Map<String, Object> m = obj(o, "VIF");
        Object rate = optField(m, "rate");
        Object pvs = optField(m, "pvs_proxy");
        Object vlan = optField(m, "vlan");
        Vif.Rate r = null;
        if (rate != null) {
            List<Object> p = arr(rate, "rate");
            r = new Vif.Rate(lng(p.get(0), "kbps"), lng(p.get(1), "timeslice"));
        }
        return new Vif(decodeDeviceId(req(m, "id", "VIF")), intg(m, "position", 0), str(m, "mac", null),
                bool(m, "carrier", true), intg(m, "mtu", 1500), r,
                m.get("backend") == null ? null : decodeNetwork(m.get("backend")),
                strMap(m.get("other_config"), "other_config"),
                m.get("locking_mode") == null ? null : decodeLockingMode(m.get("locking_mode")),
                strMap(m.get("extra_private_keys"), "extra_private_keys"),
                m.get("ipv4_configuration") == null ? null : decodeIpConfiguration(m.get("ipv4_configuration")),
                m.get("ipv6_configuration") == null ? null : decodeIpConfiguration(m.get("ipv6_configuration")),
                pvs == null ? null : decodePvsProxy(pvs), vlan == null ? null : lng(vlan, "vlan"),
                list(m.get("trunks"), "trunks", x -> lng(x, "trunk")));
    }

    // PCI, VGPU, VUSB

    static Map<String, Object> encode(Pci p) {
        Map<String, Object> m = record();
        m.put("id", encode(p.id()));
        m.put("position", p.position());
        m.put("address", encode(p.address()));
        putOpt(m, "msitranslate", p.msitranslate());
        putOpt(m, "power_mgmt", p.powerMgmt());
        return m;
    }

    static Pci decodePci(Object o) {
        Map<String, Object> m = obj(o, "PCI");
        Object msi = optField(m, "msitranslate");
        Object pm = optField(m, "power_mgmt");
        return new Pci(decodeDeviceId(req(m, "id", "PCI")), intg(m, "position", 0),
                decodePciAddress(req(m, "address", "PCI")), msi == null ? null : bool(msi, "msitranslate"),
                pm == null ? null : bool(pm, "power_mgmt"));
    }

    static Map<String, Object> encode(Vgpu v) {
        Map<String, Object> m = record();
        m.put("id", encode(v.id()));
        m.put("position", v.position());
        putOpt(m, "virtual_pci_address", v.virtualPciAddress() == null ? null : encode(v.virtualPciAddress()));
        m.put("physical_pci_address", encode(v.physicalPciAddress()));
        m.put("implementation", v.implementationParams().isEmpty() && v.implementation().equals("Empty") ? "Empty"
                : list(v.implementation(), new LinkedHashMap<String, Object>(v.implementationParams())));
        return m;
    }

    static Vgpu decodeVgpu(Object o) {
        Map<String, Object> m = obj(o, "VGPU");
        Object virt = optField(m, "virtual_pci_address");
        Object impl = m.get("implementation");
        Object params = impl == null ? null : contents(impl);
        return new Vgpu(decodeDeviceId(req(m, "id", "VGPU")), intg(m, "position", 0),
                virt == null ? null : decodePciAddress(virt),
                m.get("physical_pci_address") == null ? null : decodePciAddress(m.get("physical_pci_address")),
                impl == null ? "Empty" : tag(impl, "implementation"), params == null ? Map.of() : strMap(params, "impl"));
    }

    static Map<String, Object> encode(Vusb v) {
        Map<String, Object> m = record();
        m.put("id", encode(v.id()));
        m.put("hostbus", v.hostbus());
        m.put("hostport", v.hostport());
        m.put("version", v.version());
        m.put("path", v.path());
        m.put("speed", v.speed());
        return m;
    }

    static Vusb decodeVusb(Object o) {
        Map<String, Object> m = obj(o, "VUSB");
        return new Vusb(decodeDeviceId(req(m, "id", "VUSB")), str(m, "hostbus", ""), str(m, "hostport", ""),
                str(m, "version", ""), str(m, "path", ""), dbl(m, "speed", 0));
    }

    // metadata

    static Map<String, Object> encode(Metadata md) {
        Map<String, Object> m = record();
        m.put("vm", Wire.encode(md.vm()));
        m.put("vbds", encodeAll(md.vbds(), DeviceWire::encode));
        m.put("vifs", encodeAll(md.vifs(), DeviceWire::encode));
        m.put("pcis", encodeAll(md.pcis(), DeviceWire::encode));
        m.put("vgpus", encodeAll(md.vgpus(), DeviceWire::encode));
        m.put("vusbs", encodeAll(md.vusbs(), DeviceWire::encode));
        putOpt(m, "domains", md.domains());
        return m;
    }

    static Metadata decodeMetadata(Object o) {
        Map<String, Object> m = obj(o, "metadata");
        return new Metadata(Wire.decodeVm(req(m, "vm", "metadata")),
                list(m.get("vbds"), "vbds", DeviceWire::decodeVbd), list(m.get("vifs"), "vifs", DeviceWire::decodeVif),
                list(m.get("pcis"), "pcis", DeviceWire::decodePci),
                list(m.get("vgpus"), "vgpus", DeviceWire::decodeVgpu),
                list(m.get("vusbs"), "vusbs", DeviceWire::decodeVusb), Wire.optStr(m, "domains"));
    }

    private static <T> List<Object> encodeAll(List<T> xs, java.util.function.Function<T, Object> f) {
        List<Object> l = new ArrayList<>(xs.size());
        xs.forEach(x -> l.add(f.apply(x)));
        return l;
    }
}
