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

    /** The device with its addresses, or null when there is none of that name. */
    public IpLink link(String name) {
        CommandResult r = run(argv("-d", "-j", "addr", "show", "dev", name), null);
        if (!r.ok()) {
            if (r.stderr().contains("does not exist") || r.stderr().contains("Cannot find device")) {
                return null;
            }
            throw NetnsRunner.failed(r);
        }
        List<IpLink> l = IpJson.list(r.stdout(), IpLink.class, "ip link show dev " + name);
        return l.isEmpty() ? null : l.get(0);
    }

    /** A device with its addresses and IPv4 default routes, read in one {@code ip -batch} run. */
    public record Snapshot(IpLink link, List<IpRoute> ipv4DefaultRoutes) {
    }

    /** The device's {@link Snapshot}, or null when there is none of that name. */
    public Snapshot snapshot(String name) {
        CommandResult r = run(argv("-d", "-j", "-batch", "-"),
                "address show dev " + name + "\nroute show default dev " + name + "\n");
        if (!r.ok()) {
            if (r.stderr().contains("does not exist") || r.stderr().contains("Cannot find device")) {
                return null;
            }
            throw NetnsRunner.failed(r);
        }
        List<List<?>> parts = IpJson.sequence(r.stdout(), List.of(IpLink.class, IpRoute.class), "ip -batch " + name);
        if (parts.isEmpty() || parts.get(0).isEmpty()) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<IpRoute> routes = parts.size() > 1 ? (List<IpRoute>) parts.get(1) : List.of();
        return new Snapshot((IpLink) parts.get(0).get(0), routes);
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

    /** The device the namespace would send to {@code address} through, null when it has no route there. */
    public String routeDevice(String address) {
        CommandResult r = run(argv("-j", "route", "get", address), null);
        if (!r.ok()) {
            return null;
        }
        return IpJson.list(r.stdout(), IpRoute.class, "ip route get " + address).stream().map(IpRoute::device)
                .filter(d -> d != null).findFirst().orElse(null);
    }

    /** Runs {@code ip ARGS} and returns its output; a failure is {@code Script_error}. */
    public String ip(String... args) {
        CommandResult r = run(argv(args), null);
        if (!r.ok()) {
            throw NetnsRunner.failed(r);
        }
        return r.stdout();
    }

    /** Runs {@code ip ARGS} and returns how it ended. */
    public CommandResult tryIp(String... args) {
        return run(argv(args), null);
    }

    private CommandResult run(List<String> argv, String stdin) {
        return runner.runAsGiven(argv, stdin);
    }

    /**
     * {@code ip [-n NS] ARGS}: ip switches namespace itself ({@code -n}), one process where
     * {@code ip netns exec NS ip} would be two, which matters for a state read of many calls.
     */
    private List<String> argv(String... args) {
        List<String> a = new ArrayList<>(args.length + 3);
        a.add(NetnsRunner.program("ip"));
        if (!runner.inHost()) {
            a.add("-n");
            a.add(runner.netns());
        }
        a.addAll(List.of(args));
        return a;
    }
}
