package org.jxapi.networkd.ovs.impl;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.jxapi.common.exec.CommandResult;

/**
 * A guest stand-in: a namespace of its own with one end of a veth ({@code eth0}, a fixed MAC and an
 * address); the other end, named {@code port}, lives in the switch's namespace and is what a qemu
 * tap would be there. Offloads are turned off when ethtool is installed (checksums on veth otherwise
 * reach the userspace datapath unfinished).
 */
final class Guest implements AutoCloseable {
    final String netns;
    final String port;
    final String mac;
    final String ip;

    private Guest(String netns, String port, String mac, String ip) {
        this.netns = netns;
        this.port = port;
        this.mac = mac;
        this.ip = ip;
    }

    /** {@code cidr} e.g. 10.9.0.1/24; {@code switchNetns} where the port end goes. */
    static Guest create(String switchNetns, String port, String mac, String cidr) {
        Guest g = new Guest(Sh.unique("jxg"), port, mac, cidr.substring(0, cidr.indexOf('/')));
        try {
            Sh.ok("ip", "netns", "add", g.netns);
            Sh.ok("ip", "-n", g.netns, "link", "set", "lo", "up");
            Sh.ok("ip", "-n", g.netns, "link", "add", "eth0", "address", mac, "type", "veth", "peer", "name", port,
                    "netns", switchNetns);
            Sh.ok("ip", "-n", g.netns, "addr", "add", cidr, "dev", "eth0");
            Sh.ok("ip", "-n", g.netns, "link", "set", "eth0", "up");
            Sh.ok("ip", "-n", switchNetns, "link", "set", port, "up");
            offloadsOff(g.netns, "eth0");
            offloadsOff(switchNetns, port);
        } catch (RuntimeException e) {
            g.close();
            throw e;
        }
        return g;
    }

    static void offloadsOff(String netns, String dev) {
        Sh.in(netns, "ethtool", "-K", dev, "tx", "off", "rx", "off");
    }

    /** One echo request, one second to answer. */
    boolean ping(String target) {
        return Sh.in(netns, "ping", "-c", "1", "-W", "1", target).ok();
    }

    /** Reaches {@code target} within 15 s (the first packets wait for ARP and MAC learning). */
    void awaitReaches(String target) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> ping(target));
    }

    /** Three echo requests, none answered (each waits up to a second). */
    boolean cannotReach(String target) {
        CommandResult r = Sh.in(netns, "ping", "-c", "3", "-i", "0.2", "-W", "1", target);
        return !r.ok();
    }

    CommandResult shell(String... argv) {
        return Sh.in(netns, argv);
    }

    @Override
    public void close() {
        // The veth pair goes with the namespace.
        Sh.run("ip", "netns", "del", netns);
    }
}
