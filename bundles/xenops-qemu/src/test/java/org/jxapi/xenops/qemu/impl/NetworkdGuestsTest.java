package org.jxapi.xenops.qemu.impl;

import static org.jxapi.xenops.qemu.impl.Guests.DBG;
import static org.jxapi.xenops.qemu.impl.Guests.await;
import static org.jxapi.xenops.qemu.impl.Guests.sh;
import static org.jxapi.xenops.qemu.impl.Guests.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jxapi.networkd.bridge.impl.LinuxBridgeBackend;
import org.jxapi.networkd.impl.NetworkdService;
import org.jxapi.networkd.linux.LinuxSettings;
import org.jxapi.xenops.api.DeviceId;
import org.jxapi.xenops.api.LockingMode;
import org.jxapi.xenops.api.Vif;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.qemu.testguest.TestGuest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real test guests on one network that networkd manages: the engine over its Linux bridge
 * backend, a bridge of a unique temporary name in the host's namespace with no physical port (so
 * nothing the guests send leaves it), one VIF per guest whose tap qemu makes and networkd plugs.
 * The guests get static addresses through their agents (no DHCP server needed) and A pings B; with
 * A's VIF disabled (networkd's nft rules) or B's VIF unplugged the ping fails, so a bridge that
 * forwards nothing, or a locking that is not applied, fails the test.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NetworkdGuestsTest {
    /** Only the guests carry it, on a bridge without uplink; the test is skipped where the host uses it. */
    private static final String NET = "192.168.213.";
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private String bridge;
    private String nftTable;
    private NetworkdService networkd;
    private EngineFixture f;
    private Vm a;
    private Vm b;
    private DeviceId nicA;
    private DeviceId nicB;

    private static String random6() {
        SecureRandom r = new SecureRandom();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            s.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    private static int run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static String hostAddresses() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ip", "-4", "-o", "addr").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root: qemu makes taps, ip makes a bridge");
        assumeTrue(Files.exists(Path.of("/dev/net/tun")), "no /dev/net/tun");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/qemu-system-x86_64")), "no qemu-system-x86_64");
        assumeTrue(!hostAddresses().contains(NET), "the host has an address in " + NET + "0/24");
        bridge = "jxt" + random6();
        nftTable = "jxt" + random6();
        assumeTrue(!Files.exists(Path.of("/sys/class/net", bridge)), "the random bridge name is taken");
        // The host's namespace, as the brief asks; the backend itself refuses to touch the interfaces of
        // the default routes, and this test only names the bridge and the taps it made.
        LinuxBridgeBackend backend = new LinuxBridgeBackend(
                LinuxSettings.inNamespace("", Files.createDirectories(dir.resolve("bridge-state"))), nftTable);
        networkd = NetworkdService.open("qemu-test", backend, dir.resolve("networkd.db"));
        networkd.bridgeCreate(DBG, null, null, null, Map.of(), bridge);

        QemuBackend qemu = new QemuBackend(Guests.settings(dir.resolve("qemu")), null, () -> networkd);
        f = new EngineFixture(dir, qemu, "data");
        a = Guests.vm("net-a", 1, 1).build();
        b = Guests.vm("net-b", 1, 1).build();
        f.x.vmAdd(DBG, a);
        f.x.vmAdd(DBG, b);
        nicA = f.x.vifAdd(DBG, Vif.of(new DeviceId(a.id(), "0"), 0, "02:00:00:0d:00:0a", bridge));
        nicB = f.x.vifAdd(DBG, Vif.of(new DeviceId(b.id(), "0"), 0, "02:00:00:0d:00:0b", bridge));
        for (Vm vm : new Vm[] {a, b}) {
            success(f.x, f.x.vmStart(DBG, vm.id(), false));
            success(f.x, f.x.vmUnpause(DBG, vm.id()));
        }
        for (Vm vm : new Vm[] {a, b}) {
            Guests.awaitMarker(f.console(vm), TestGuest.READY_MARKER, 1, Duration.ofSeconds(120));
        }
        sh(qemu, a, "ip addr add " + NET + "10/24 dev eth0; ip link set eth0 up");
        sh(qemu, b, "ip addr add " + NET + "11/24 dev eth0; ip link set eth0 up");
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (f != null) {
                f.close();
            }
        } finally {
            if (networkd != null) {
                try {
                    networkd.bridgeDestroy(DBG, true, bridge);
                } catch (RuntimeException e) {
                    // removed below
                }
            }
            if (bridge != null && Files.exists(Path.of("/sys/class/net", bridge))) {
                run("ip", "link", "del", "dev", bridge);
            }
            if (nftTable != null && run("nft", "list", "table", "bridge", nftTable) == 0) {
                run("nft", "delete", "table", "bridge", nftTable);
            }
        }
    }

    private String tap(Vm vm) {
        return f.domain(vm).devices.values().iterator().next().tap;
    }

    private String ping(String to) {
        return sh(f.backend, a, "ping -c 3 -W 1 " + to + " >/dev/null 2>&1; echo $?");
    }

    @Test
    @Order(1)
    void networkdPutBothTapsOnTheBridge() {
        for (Vm vm : new Vm[] {a, b}) {
            String tap = tap(vm);
            assertTrue(Files.exists(Path.of("/sys/class/net", bridge, "brif", tap)), tap + " is a port of " + bridge);
            assertTrue(f.domain(vm).devices.values().iterator().next().switchManaged, "plugged by networkd");
        }
    }

    @Test
    @Order(2)
    void guestAPingsGuestB() {
        await("A pings B", Duration.ofSeconds(60), () -> ping(NET + "11").equals("0"));
    }

    @Test
    @Order(3)
    void aDisabledVifSendsNothingUntilUnlockedAgain() {
        success(f.x, f.x.vifSetLockingMode(DBG, nicA,
                new LockingMode(LockingMode.Kind.DISABLED, java.util.List.of(), java.util.List.of())));
        assertEquals("1", ping(NET + "11"), "networkd's rules drop what a disabled VIF sends");
        success(f.x, f.x.vifSetLockingMode(DBG, nicA, LockingMode.unlocked()));
        await("A pings B again", Duration.ofSeconds(60), () -> ping(NET + "11").equals("0"));
    }

    @Test
    @Order(4)
    void withBsVifUnpluggedThePingFails() {
        String tap = tap(b);
        success(f.x, f.x.vifUnplug(DBG, nicB, true));
        assertFalse(f.x.vifStat(DBG, nicB).state().plugged());
        assertFalse(Files.exists(Path.of("/sys/class/net", bridge, "brif", tap)), tap + " left " + bridge);
        // The guest may still hold a stale ARP entry: the ping itself must get no answer.
        assertEquals("1", ping(NET + "11"));
    }
}
