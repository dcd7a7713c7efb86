package org.jxapi.networkd.linux;

import java.util.ArrayList;
import java.util.List;

import org.jxapi.common.exec.CommandResult;
import org.jxapi.networkd.linux.ipjson.IpAddress;
import org.jxapi.networkd.linux.ipjson.IpJson;
import org.jxapi.networkd.linux.ipjson.IpLink;
import org.jxapi.networkd.linux.ipjson.IpRoute;

/**
 * {@code ip} inside the runner's namespace: queries read with {@code -j} (JSON), changes as plain
 * {@code ip} calls. Device names are always given after {@code dev} or {@code name}: a bare name that
 * is also an abbreviation of a keyword ({@code a} for {@code address}) would be misread.
 */
public final class IpCommand {
    private final NetnsRunner runner;

    public IpCommand(NetnsRunner runner) {
        this.runner = runner;
    }

    public NetnsRunner runner() {
        return runner;
    }

    /** Every device, with details ({@code -d}: kind, master, parent bus). */
    public List<IpLink> links() {
        return IpJson.list(ip("-d", "-j", "link", "show"), IpLink.class, "ip -d -j link show");
    }

    /** Devices of one kind ({@code bridge}, {@code vxlan}, ...). */
    public List<IpLink> links(String type) {
        return IpJson.list(ip("-d", "-j", "link", "show", "type", type), IpLink.class, "ip link show type " + type);
    }

    /** The ports of a bridge. */
    public List<IpLink> portsOf(String master) {
        return IpJson.list(ip("-d", "-j", "link", "show", "master", master), IpLink.class,
                "ip link show master " + master);
    }

    /** The device, or null when there is none of that name. */
    public IpLink link(String name) {
        CommandResult r = runner.run(argv("-d", "-j", "link", "show", "dev", name));
        if (!r.ok()) {
            if (r.stderr().contains("does not exist") || r.stderr().contains("Cannot find device")) {
                return null;
            }
            throw NetnsRunner.failed(r);
        }
        List<IpLink> l = IpJson.list(r.stdout(), IpLink.class, "ip link show dev " + name);
        return l.isEmpty() ? null : l.get(0);
    }

    public boolean exists(String name) {
        return link(name) != null;
    }

    /** The addresses of one family ({@code -4} or {@code -6}) on the device. */
    public List<IpAddress.Info> addresses(String family, String name) {
        List<IpAddress> all = IpJson.list(ip(family, "-j", "addr", "show", "dev", name), IpAddress.class,
                "ip addr show dev " + name);
        List<IpAddress.Info> out = new ArrayList<>();
        for (IpAddress a : all) {
            out.addAll(a.addresses());
        }
        return out;
    }

    /** Default routes of one family ({@code -4} or {@code -6}) through the device (all devices if null). */
    public List<IpRoute> defaultRoutes(String family, String device) {
        List<String> args = new ArrayList<>(List.of(family, "-j", "route", "show", "default"));
        if (device != null) {
            args.addAll(List.of("dev", device));
        }
        return IpJson.list(ip(args.toArray(String[]::new)), IpRoute.class, "ip route show default");
    }

    /** Routes of the main table through the device. */
    public List<IpRoute> routes(String family, String device) {
        return IpJson.list(ip(family, "-j", "route", "show", "dev", device), IpRoute.class,
                "ip route show dev " + device);
    }

    /** Runs {@code ip ARGS} and returns its output; a failure is {@code Script_error}. */
    public String ip(String... args) {
        return runner.ok(argv(args));
    }

    /** Runs {@code ip ARGS} and returns how it ended. */
    public CommandResult tryIp(String... args) {
        return runner.run(argv(args));
    }

    private static List<String> argv(String... args) {
        List<String> a = new ArrayList<>(args.length + 1);
        a.add(NetnsRunner.program("ip"));
        a.addAll(List.of(args));
        return a;
    }
}
