package org.jxapi.networkd.ovs.impl;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxapi.common.exec.CommandResult;
import org.jxapi.common.exec.ExternalCommand;
import org.jxapi.common.exec.RunningCommand;
import org.jxapi.networkd.api.PortConfig;
import org.jxapi.networkd.api.VifLocking;
import org.jxapi.networkd.api.VifPort;

/**
 * An active-backup bond of two veths to a peer switch (a Linux bridge in a namespace of its own,
 * with a guest on it): the guest behind the bond keeps pinging the peer's guest at 10 per second,
 * none lost, while the bond's active member goes down.
 */
class OvsBondTest {
    private static final Pattern ACTIVE = Pattern.compile("(?m)^member (\\S+): enabled\\s*\\n\\s*active member");

    private static PrivateOvs ovs;
    private static OpenvswitchBackend backend;
    private static String peer;

    @BeforeAll
    static void start() {
        assumeTrue(PrivateOvs.available(), "Open vSwitch (Debian openvswitch-switch) is not installed");
        ovs = PrivateOvs.start();
        backend = ovs.backend();
        peer = Sh.unique("jxs");
        Sh.ok("ip", "netns", "add", peer);
        Sh.ok("ip", "-n", peer, "link", "add", "sw", "type", "bridge", "stp_state", "0", "forward_delay", "0");
        Sh.ok("ip", "-n", peer, "link", "set", "sw", "up");
    }

    @AfterAll
    static void stop() {
        if (peer != null) {
            Sh.run("ip", "netns", "del", peer);
        }
        if (ovs != null) {
            ovs.close();
        }
    }

    private static String activeMember() {
        Matcher m = ACTIVE.matcher(ovs.appctl("bond/show", "bond0"));
        return m.find() ? m.group(1) : null;
    }

    private static long rxPackets(Guest g) {
        return Long.parseLong(g.shell("cat", "/sys/class/net/eth0/statistics/rx_packets").stdout().trim());
    }

    @Test
    void activeBackupBondLosesNoPingWhenItsActiveMemberGoesDown() {
        for (String m : List.of("m1", "m2")) {
            ovs.ip("link", "add", m, "type", "veth", "peer", "name", m + "p", "netns", peer);
            Sh.ok("ip", "-n", peer, "link", "set", m + "p", "master", "sw", "up");
            ovs.ip("link", "set", m, "up");
            Guest.offloadsOff(ovs.netns, m);
            Guest.offloadsOff(peer, m + "p");
        }
        backend.bridges().create("brb", null, null, null, Map.of());
        backend.bridges().addPort("brb", "bond0",
                PortConfig.bond(List.of("m1", "m2"), Map.of("mode", "active-backup", "miimon", "100"), null));
        try (Guest near = Guest.create(ovs.netns, "vn", "02:00:00:00:20:01", "10.72.0.1/24");
                Guest far = Guest.create(peer, "gfp", "02:00:00:00:20:02", "10.72.0.2/24")) {
            Sh.ok("ip", "-n", peer, "link", "set", "gfp", "master", "sw");
            backend.vifs().plug(new VifPort("brb", near.port, "n/0", near.mac, 1500, true, VifLocking.UNLOCKED, 0));
            near.awaitReaches(far.ip);
            await().atMost(Duration.ofSeconds(10)).until(() -> activeMember() != null);
            String active = activeMember();

            long before = rxPackets(far);
            RunningCommand pinging = ExternalCommand.of("ip", "netns", "exec", near.netns, "ping", "-i", "0.1", "-c", "40",
                    "-W", "1", far.ip).withTimeout(Duration.ofSeconds(30)).start();
            // Once a few requests have come through, take the active member's link down at the peer's end.
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> rxPackets(far) >= before + 5);
            Sh.ok("ip", "-n", peer, "link", "set", active + "p", "down");
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                String now = activeMember();
                return now != null && !now.equals(active);
            });
            CommandResult r = pinging.await();
            assertTrue(r.stdout().contains("40 packets transmitted, 40 received"), r.stdout());
            assertNotEquals(active, activeMember());
            assertEquals("active-backup", ovs.vsctl("get", "port", "bond0", "bond_mode").trim());
        } finally {
            backend.bridges().destroy("brb", true);
        }
    }
}
