package org.jxapi.networkd.linux;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.jxapi.networkd.api.Address;
import org.jxapi.networkd.api.Dns;
import org.jxapi.networkd.api.Ipv4Conf;
import org.jxapi.networkd.api.Ipv4Route;
import org.jxapi.networkd.api.Ipv6Conf;
import org.jxapi.networkd.api.Link;
import org.jxapi.networkd.api.NetworkdException;
import org.jxapi.networkd.linux.ipjson.IpAddress;
import org.jxapi.networkd.linux.ipjson.IpLink;
import org.jxapi.networkd.linux.ipjson.IpRoute;
import org.jxapi.networkd.spi.InterfaceBackend;
import org.jxapi.networkd.spi.InterfaceState;

/**
 * Linux network devices of one namespace through {@code ip -j}, sysfs, {@code sysctl}, {@code ethtool}
 * and dhclient: the interface part of every Linux backend (bridge and Open vSwitch alike). Every change
 * first checks {@link ProtectedInterfaces}; each method is one change, so the engine can count them.
 */
public final class LinuxInterfaces implements InterfaceBackend {
    private static final Pattern PCI_ADDRESS = Pattern.compile("[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]");

    private final IpCommand ip;
    private final NetnsRunner runner;
    private final ProtectedInterfaces protectedInterfaces;
    private final Path resolvConf;
    private final DhcpClient dhcp;

    public LinuxInterfaces(LinuxSettings settings) {
        this(settings, settings.runner());
    }

    public LinuxInterfaces(LinuxSettings settings, NetnsRunner runner) {
        this.runner = runner;
        this.ip = new IpCommand(runner);
        this.protectedInterfaces = ProtectedInterfaces.of(settings.protectedInterfaces(), runner);
        this.resolvConf = settings.resolvConf().isEmpty() ? null : Path.of(settings.resolvConf());
        this.dhcp = new DhcpClient(runner, settings.dhclient(), settings.stateDir().resolve("dhcp"));
    }

    public IpCommand ip() {
        return ip;
    }

    public ProtectedInterfaces protectedInterfaces() {
        return protectedInterfaces;
    }

    @Override
    public List<String> list() {
        return ip.links().stream().map(IpLink::name).toList();
    }

    @Override
    public InterfaceState state(String name) {
        IpLink l = ip.link(name);
        if (l == null) {
            return null;
        }
        List<Address> v4 = addresses("-4", name);
        List<Address> v6 = addresses("-6", name);
        Optional<String> device = runner.resolveSystemLink("/sys/class/net/" + name + "/device");
        return new InterfaceState(name, l.mac(), l.up(), l.mtu(), v4, gateway("-4", name),
                dhcp.running("-4", name), v6, gateway("-6", name), device.isPresent(),
                device.map(LinuxInterfaces::pciAddress).orElse(""), link(l));
    }

    private List<Address> addresses(String family, String name) {
        List<Address> out = new ArrayList<>();
        for (IpAddress.Info a : ip.addresses(family, name)) {
            // Link-local IPv6 addresses come with the link; they are not configuration.
            if (a.local() != null && !"link".equals(a.scope())) {
                out.add(new Address(a.local(), a.prefix()));
            }
        }
        return out;
    }

    private String gateway(String family, String name) {
        return ip.defaultRoutes(family, name).stream().map(IpRoute::gateway).filter(g -> g != null).findFirst()
                .orElse(null);
    }

    /** The last PCI address on the device's sysfs path: a virtio NIC's path ends in virtioN under its PCI function. */
    static String pciAddress(String sysfsPath) {
        String found = "";
        for (String part : sysfsPath.split("/")) {
            if (PCI_ADDRESS.matcher(part).matches()) {
                found = part;
            }
        }
        return found;
    }

    private Link link(IpLink l) {
        String base = "/sys/class/net/" + l.name() + "/";
        long speed = runner.readSystemFile(base + "speed").map(LinuxInterfaces::parseSpeed).orElse(0L);
        String duplex = runner.readSystemFile(base + "duplex").filter(d -> d.equals("full") || d.equals("half"))
                .orElse("unknown");
        return new Link(l.up() && l.lowerUp(), speed, duplex);
    }

    private static long parseSpeed(String s) {
        try {
            long v = Long.parseLong(s.strip());
            return v < 0 ? 0 : v;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private IpLink existing(String name) {
        IpLink l = ip.link(name);
        if (l == null) {
            throw NetworkdException.doesNotExist("interface", name);
        }
        return l;
    }

    /** The interface must exist and not be protected: every change starts here. */
    private void changeable(String name) {
        protectedInterfaces.check(name);
        existing(name);
    }

    @Override
    public void setUp(String name, boolean up) {
        changeable(name);
        ip.ip("link", "set", "dev", name, up ? "up" : "down");
    }

    @Override
    public void setMtu(String name, int mtu) {
        changeable(name);
        ip.ip("link", "set", "dev", name, "mtu", Integer.toString(mtu));
    }

    @Override
    public void setIpv4(String name, Ipv4Conf conf, String gateway) {
        changeable(name);
        if (conf instanceof Ipv4Conf.Dhcp) {
            dhcp.start("-4", name);
        } else if (conf instanceof Ipv4Conf.Static s) {
            dhcp.stop("-4", name);
            exactAddresses("-4", name, s.addresses());
            if (gateway != null && !gateway.isBlank() && !gateway.equals(gateway("-4", name))) {
                ip.ip("-4", "route", "replace", "default", "via", gateway, "dev", name);
            }
        } else {
            dhcp.stop("-4", name);
            ip.ip("-4", "addr", "flush", "dev", name);
        }
    }

    @Override
    public void setIpv6(String name, Ipv6Conf conf, String gateway) {
        changeable(name);
        String conf6 = "net.ipv6.conf." + name + ".";
        if (conf instanceof Ipv6Conf.None) {
            dhcp.stop("-6", name);
            sysctl(conf6 + "disable_ipv6", "1");
        } else if (conf instanceof Ipv6Conf.LinkLocal) {
            dhcp.stop("-6", name);
            sysctl(conf6 + "disable_ipv6", "0");
            sysctl(conf6 + "autoconf", "0");
            exactAddresses("-6", name, List.of());
        } else if (conf instanceof Ipv6Conf.Autoconf) {
            dhcp.stop("-6", name);
            sysctl(conf6 + "disable_ipv6", "0");
            sysctl(conf6 + "autoconf", "1");
            sysctl(conf6 + "accept_ra", "1");
        } else if (conf instanceof Ipv6Conf.Dhcp) {
            sysctl(conf6 + "disable_ipv6", "0");
            dhcp.start("-6", name);
        } else if (conf instanceof Ipv6Conf.Static s) {
            dhcp.stop("-6", name);
            sysctl(conf6 + "disable_ipv6", "0");
            sysctl(conf6 + "autoconf", "0");
            exactAddresses("-6", name, s.addresses());
            if (gateway != null && !gateway.isBlank() && !gateway.equals(gateway("-6", name))) {
                ip.ip("-6", "route", "replace", "default", "via", gateway, "dev", name);
            }
        }
    }

    /** Removes the addresses that are not wanted, then adds the missing ones; nothing when they agree. */
    private void exactAddresses(String family, String name, List<Address> wanted) {
        Set<Address> want = new LinkedHashSet<>(wanted);
        List<Address> have = addresses(family, name);
        for (Address a : have) {
            if (!want.contains(a)) {
                ip.ip(family, "addr", "del", a.toString(), "dev", name);
            }
        }
        for (Address a : want) {
            if (!have.contains(a)) {
                ip.ip(family, "addr", "add", a.toString(), "dev", name);
            }
        }
    }

    private void sysctl(String key, String value) {
        runner.ok(NetnsRunner.program("sysctl"), "-q", "-w", key + "=" + value);
    }

    @Override
    public void setIpv4Routes(String name, List<Ipv4Route> routes) {
        changeable(name);
        for (Ipv4Route r : routes) {
            ip.ip("-4", "route", "replace", r.subnet() + "/" + r.netmask(), "via", r.gateway(), "dev", name);
        }
    }

    @Override
    public void setDns(Dns dns) {
        if (resolvConf == null) {
            throw NetworkdException.notImplemented(
                    "Interface.set_dns: no resolv.conf is configured for this instance (resolv.conf)");
        }
        ResolvConf.write(resolvConf, dns);
    }

    @Override
    public Dns dns() {
        return resolvConf == null ? Dns.NONE : ResolvConf.read(resolvConf);
    }

    @Override
    public void setEthtool(String name, Map<String, String> settings, Map<String, String> offload) {
        changeable(name);
        String ethtool = NetnsRunner.find("ethtool")
                .orElseThrow(() -> NetworkdException.notImplemented("Interface.set_ethtool: ethtool is not installed"));
        if (!settings.isEmpty()) {
            List<String> argv = new ArrayList<>(List.of(ethtool, "-s", name));
            settings.forEach((k, v) -> argv.addAll(List.of(k, v)));
            runner.ok(argv);
        }
        if (!offload.isEmpty()) {
            List<String> argv = new ArrayList<>(List.of(ethtool, "-K", name));
            offload.forEach((k, v) -> argv.addAll(List.of(k, v)));
            runner.ok(argv);
        }
    }

    @Override
    public List<String> capabilities(String name) {
        // As the original: "sriov" when the NIC's driver offers virtual functions.
        return runner.readSystemFile("/sys/class/net/" + name + "/device/sriov_totalvfs")
                .filter(v -> !v.isEmpty() && !v.equals("0")).map(v -> List.of("sriov")).orElse(List.of());
    }
}
