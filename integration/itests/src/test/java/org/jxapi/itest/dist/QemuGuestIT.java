package org.jxapi.itest.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import com.xensource.xenapi.Connection;
import com.xensource.xenapi.Console;
import com.xensource.xenapi.Network;
import com.xensource.xenapi.SR;
import com.xensource.xenapi.Types;
import com.xensource.xenapi.VBD;
import com.xensource.xenapi.VDI;
import com.xensource.xenapi.VIF;
import com.xensource.xenapi.VM;
import com.xensource.xenapi.VMGuestMetrics;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.jxapi.xenops.qemu.testguest.TestGuest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 7 at the XenAPI level: real qemu guests (TCG) driven with the unmodified Java SDK through a
 * distribution of this class's own. The test guest is made with the SDK on the qemu queue, started
 * paused, its boot marker read from the serial console its {@code console} object names; the VNC
 * console answers RFB over TCP, over its Unix socket and through the XenAPI's /console; the
 * toolstack is killed with -9 while three guests run and started again on the same home: the guests still run with the same domids and
 * shut down (one cleanly through ACPI). A qemu that jxapi did not start is left alone throughout.
 * Each guest boots once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QemuGuestIT {
    private static QemuGuests guests;
    private static QemuGuests.Foreign foreign;
    private static RunningDistribution dist;
    private static QemuGuests.Restarted restarted;
    private static Connection c;
    private static VM first;
    private static GuestConsole firstConsole;
    private static VBD cd;
    private static VM third;
    private static Path work;

    @BeforeAll
    static void start() throws Exception {
        guests = QemuGuests.prepare();
        // Started before the toolstack, as an administrator's own qemu would be.
        foreign = new QemuGuests.Foreign(Files.createTempDirectory(Path.of("/tmp"), "jxq-foreign"));
        dist = RunningDistribution.start(guests.settings());
        work = Files.createDirectories(dist.home.resolve("it-qemu"));
        c = QemuGuests.connect(dist.url());
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (firstConsole != null) {
                firstConsole.close();
            }
            if (c != null) {
                QemuGuests.haltAll(c);
            }
            if (restarted != null) {
                restarted.close();
            }
            if (dist != null) {
                dist.stop();
            }
        } finally {
            if (guests != null) {
                guests.killQemus();
                guests.deleteState();
            }
            if (foreign != null) {
                foreign.close();
            }
        }
    }

    @Test
    @Order(1)
    void theGuestBootsAndItsConsoleObjectsLeadToIt() throws Exception {
        first = guests.vm(c, "qemu guest A", 2L);
        cd = emptyCdDrive(first);
        assertTrue(first.getConsoles(c).isEmpty(), "a halted VM has no consoles");
        first.start(c, true, false);
        assertEquals(Types.VmPowerState.PAUSED, first.getPowerState(c));
        assertTrue(first.getDomid(c) >= 0);

        Console.Record text = QemuGuests.console(c, first, Types.ConsoleProtocol.VT100);
        String uuid = text.uuid;
        assertTrue(text.location.startsWith("https://") && text.location.endsWith("/console?uuid=" + uuid),
                text.location);
        assertEquals(first, text.VM);
        assertTrue(Integer.parseInt(text.otherConfig.get("port")) > 0, String.valueOf(text.otherConfig));
        assertTrue(Files.exists(Path.of(text.otherConfig.get("path"))), String.valueOf(text.otherConfig));

        // Connected before the guest runs, so the console shows the boot from its first line.
        firstConsole = QemuGuests.textConsole(c, first);
        first.unpause(c);
        assertEquals(Types.VmPowerState.RUNNING, first.getPowerState(c));
        int at = firstConsole.await(TestGuest.BOOT_MARKER, 0, 120);
        firstConsole.await(TestGuest.READY_MARKER, at, 120);
        assertEquals("42", firstConsole.run("echo $((6*7))", 30), "the console's shell answers");

        // The guest agent's report (virtio-serial) reaches VM_guest_metrics.
        AtomicReference<Map<String, String>> os = new AtomicReference<>(Map.of());
        awaitQuietly(Duration.ofSeconds(60), () -> {
            VMGuestMetrics gm = first.getGuestMetrics(c);
            if (gm.toWireString().equals("OpaqueRef:NULL")) {
                return false;
            }
            os.set(gm.getOsVersion(c));
            return os.get().containsKey("name");
        });
        assertEquals("jxapi test guest (busybox)", os.get().get("name"), String.valueOf(os.get()));
        assertTrue(first.getGuestMetrics(c).getPVDriversDetected(c));

        assertEquals("prelaunch", foreign.status(), "the foreign qemu was not touched");
        assertTrue(foreign.process.isAlive());
    }

    @Test
    @Order(2)
    void theVncConsoleAnswersRfbOverTcpAndUnix() throws Exception {
        Console.Record vnc = QemuGuests.console(c, first, Types.ConsoleProtocol.RFB);
        assertTrue(vnc.location.endsWith("/console?uuid=" + vnc.uuid), vnc.location);
        int port = Integer.parseInt(vnc.otherConfig.get("port"));
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            assertTrue(rfbVersion(s.getInputStream()).startsWith("RFB 003."), "TCP");
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(vnc.otherConfig.get("path")));
            ByteBuffer b = ByteBuffer.allocate(12);
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // the 12-byte ProtocolVersion message
            }
            assertTrue(new String(b.array(), StandardCharsets.US_ASCII).startsWith("RFB 003."), "Unix");
        }
        // As XenCenter reaches it: HTTP CONNECT to the console's location on the XenAPI port.
        try (Socket s = new Socket("127.0.0.1", dist.httpPort)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("CONNECT /console?uuid=" + vnc.uuid + "&session_id=" + c.getSessionReference()
                    + " HTTP/1.0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertEquals("HTTP/1.1 200 OK\r\n\r\n", new String(s.getInputStream().readNBytes(19),
                    StandardCharsets.US_ASCII));
            assertTrue(rfbVersion(s.getInputStream()).startsWith("RFB 003."), "through /console");
        }
    }

    private static String rfbVersion(InputStream in) throws Exception {
        return new String(in.readNBytes(12), StandardCharsets.US_ASCII);
    }

    private static VBD emptyCdDrive(VM vm) throws Exception {
        VBD.Record r = new VBD.Record();
        r.VM = vm;
        r.VDI = Types.toVDI("OpaqueRef:NULL");
        r.userdevice = "3";
        r.bootable = false;
        r.mode = Types.VbdMode.RO;
        r.type = Types.VbdType.CD;
        r.unpluggable = false;
        r.empty = true;
        r.otherConfig = new HashMap<>();
        r.qosAlgorithmType = "";
        r.qosAlgorithmParams = new HashMap<>();
        return VBD.create(c, r);
    }

    private static Set<String> words(String s) {
        Set<String> out = new HashSet<>();
        for (String w : s.trim().split("\\s+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    @Test
    @Order(3)
    void pauseAndUnpause() throws Exception {
        first.pause(c);
        assertEquals(Types.VmPowerState.PAUSED, first.getPowerState(c));
        assertThrows(Types.VmBadPowerState.class, () -> first.pause(c), "pausing a paused VM");
        first.unpause(c);
        assertEquals(Types.VmPowerState.RUNNING, first.getPowerState(c));
        assertEquals("ok", firstConsole.run("echo ok", 30), "the guest runs on after unpause");
        firstConsole.close();
        firstConsole = null;
    }

    @Test
    @Order(4)
    void aVcpuIsHotAddedAndOnlineInTheGuest() throws Exception {
        assertEquals("0", QemuGuests.shell(c, first, "cat /sys/devices/system/cpu/online"));
        assertThrows(Types.InvalidValue.class, () -> first.setVCPUsNumberLive(c, 3L), "more than VCPUs_max");
        first.setVCPUsNumberLive(c, 2L);
        assertEquals(2L, first.getVCPUsAtStartup(c));
        QemuGuests.shellUntil(c, first, "cat /sys/devices/system/cpu/online", "0-1"::equals, 60);
        assertEquals(2L, first.getMetrics(c).getVCPUsNumber(c));
    }

    @Test
    @Order(5)
    void aDiskIsHotPluggedFromTheFileSr() throws Exception {
        SR sr = XapiSdk.fileSr(c, work, "qemu disks");
        VDI vdi = XapiSdk.vdi(c, sr, "hot disk", 16L << 20);
        String list = "ls /sys/block | grep vd | tr '\\n' ' '";
        Set<String> before = words(QemuGuests.shell(c, first, list));
        VBD vbd = XapiSdk.vbd(c, first, vdi, "1");
        assertFalse(vbd.getCurrentlyAttached(c));
        vbd.plug(c);
        assertTrue(vbd.getCurrentlyAttached(c));
        Set<String> after = words(QemuGuests.shellUntil(c, first, list, o -> words(o).size() > before.size(), 60));
        after.removeAll(before);
        assertEquals(1, after.size(), "one new disk: " + after);
        String dev = after.iterator().next();
        // 16 MiB in 512-byte sectors, as the guest sees the new disk.
        assertEquals("32768", QemuGuests.shell(c, first, "cat /sys/block/" + dev + "/size"));
    }

    @Test
    @Order(6)
    void aNicIsHotPlugged() throws Exception {
        Network.Record n = new Network.Record();
        n.nameLabel = "qemu it network";
        n.nameDescription = "";
        n.MTU = 1500L;
        n.otherConfig = new HashMap<>();
        n.bridge = "";
        n.managed = true;
        n.tags = new HashSet<>();
        Network net = Network.create(c, n);
        String before = QemuGuests.shell(c, first, "ls /sys/class/net | tr '\\n' ' '");
        assertFalse(before.contains("eth"), before);
        VIF.Record r = new VIF.Record();
        r.device = "0";
        r.network = net;
        r.VM = first;
        r.MAC = "02:00:00:12:34:56";
        r.MTU = 1500L;
        r.otherConfig = new HashMap<>();
        r.qosAlgorithmType = "";
        r.qosAlgorithmParams = new HashMap<>();
        r.lockingMode = Types.VifLockingMode.NETWORK_DEFAULT;
        r.ipv4Allowed = new HashSet<>();
        r.ipv6Allowed = new HashSet<>();
        VIF vif = VIF.create(c, r);
        vif.plug(c);
        assertTrue(vif.getCurrentlyAttached(c));
        String nic = QemuGuests.shellUntil(c, first, "ls /sys/class/net | grep eth | head -n1", o -> !o.isEmpty(), 60);
        assertEquals("02:00:00:12:34:56", QemuGuests.shell(c, first, "cat /sys/class/net/" + nic + "/address"));
    }

    @Test
    @Order(7)
    void aCdIsInsertedAndEjected() throws Exception {
        Path isos = Files.createDirectories(work.resolve("isos"));
        byte[] image = new byte[64 * 1024];
        byte[] mark = "JXAPI-ISO-MARK".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(mark, 0, image, 0, mark.length);
        Files.write(isos.resolve("tools.iso"), image);
        SR lib = SR.create(c, XapiSdk.thisHost(c), new HashMap<>(Map.of("location", isos.toString())), 0L, "ISOs",
                "", "iso", "iso", false, new HashMap<>());
        lib.scan(c);
        VDI iso = lib.getVDIs(c).iterator().next();
        assertTrue(cd.getEmpty(c));
        String read = "head -c 14 /dev/sr0 2>&1";
        assertNotEquals("JXAPI-ISO-MARK", QemuGuests.shell(c, first, read), "no medium yet");

        cd.insert(c, iso);
        assertFalse(cd.getEmpty(c));
        assertEquals(iso, cd.getVDI(c));
        QemuGuests.shellUntil(c, first, read, "JXAPI-ISO-MARK"::equals, 30);
        assertThrows(Types.VbdNotEmpty.class, () -> cd.insert(c, iso), "a second insert");

        cd.eject(c);
        assertTrue(cd.getEmpty(c));
        QemuGuests.shellUntil(c, first, read, o -> !o.equals("JXAPI-ISO-MARK"), 30);
    }

    @Test
    @Order(9)
    void suspendAndResumeKeepTheCounterGoing() throws Exception {
        long before = QemuGuests.counter(c, first);
        first.suspend(c);
        assertEquals(Types.VmPowerState.SUSPENDED, first.getPowerState(c));
        assertEquals(-1L, first.getDomid(c));
        assertTrue(first.getConsoles(c).isEmpty());
        first.resume(c, false, false);
        assertEquals(Types.VmPowerState.RUNNING, first.getPowerState(c));
        long after = QemuGuests.counter(c, first);
        assertTrue(after >= before && after < before + 30, "the counter went on: " + before + " -> " + after);
        assertEquals("0-1", QemuGuests.shell(c, first, "cat /sys/devices/system/cpu/online"), "hot-added vCPU kept");
    }

    @Test
    @Order(11)
    void aCheckpointKeepsTheGuestRunningAndRevertingBringsItsMemoryBack() throws Exception {
        long k0 = QemuGuests.counter(c, first);
        VM cp = first.checkpoint(c, "checkpoint of A");
        assertEquals(Types.VmPowerState.RUNNING, first.getPowerState(c));
        VM.Record snap = cp.getRecord(c);
        assertTrue(snap.isASnapshot);
        assertEquals(Types.VmPowerState.SUSPENDED, snap.powerState);
        assertEquals(first, snap.snapshotOf);
        String k1s = QemuGuests.shellUntil(c, first, "cat /run/counter", o -> Long.parseLong(QemuGuests.lastLine(o)) >= k0 + 6, 60);
        long k1 = Long.parseLong(QemuGuests.lastLine(k1s));

        cp.revert(c);
        assertEquals(Types.VmPowerState.SUSPENDED, first.getPowerState(c), "reverted to the checkpoint's memory");
        first.resume(c, false, false);
        long k2 = QemuGuests.counter(c, first);
        assertTrue(k2 >= k0 && k2 < k1, "the counter is back near the checkpoint: " + k0 + " / " + k1 + " -> " + k2);
    }

    @Test
    @Order(8)
    void cleanAndHardRebootsBootTheGuestAgain() throws Exception {
        // A fresh boot forgets what the last one wrote to its RAM file system. (The guest's uptime
        // would be a weaker sign: under TCG on a loaded host, guest time runs slowly.)
        String mark = "echo kept > /run/before-reboot; cat /run/before-reboot";
        String check = "[ -e /run/before-reboot ] && echo kept || echo fresh";
        long domid = first.getDomid(c);
        assertEquals("kept", QemuGuests.lastLine(QemuGuests.shell(c, first, mark)));
        first.cleanReboot(c);
        assertEquals(Types.VmPowerState.RUNNING, first.getPowerState(c));
        assertEquals("fresh", QemuGuests.lastLine(QemuGuests.shell(c, first, check)), "clean reboot: a fresh boot");

        assertEquals("kept", QemuGuests.lastLine(QemuGuests.shell(c, first, mark)));
        first.hardReboot(c);
        assertEquals(Types.VmPowerState.RUNNING, first.getPowerState(c));
        assertEquals("fresh", QemuGuests.lastLine(QemuGuests.shell(c, first, check)), "hard reboot: a fresh boot");
        assertTrue(first.getDomid(c) >= 0 && domid >= 0);
    }

    @Test
    @Order(12)
    void poolMigrateToAnotherXenopsInstanceKeepsTheCounter() throws Exception {
        com.xensource.xenapi.Host host = XapiSdk.thisHost(c);
        assertThrows(Types.VmMigrateFailed.class,
                () -> first.poolMigrate(c, host, new HashMap<>(Map.of("xenops", "org.xen.xapi.xenops.nowhere"))));
        long k0 = QemuGuests.counter(c, first);
        first.poolMigrate(c, host, new HashMap<>(Map.of("xenops", QemuGuests.QUEUE2)));
        assertEquals(Types.VmPowerState.RUNNING, first.getPowerState(c));
        assertEquals(QemuGuests.QUEUE2, first.getOtherConfig(c).get("xenops"));
        long k1 = QemuGuests.counter(c, first);
        assertTrue(k1 >= k0 && k1 < k0 + 30, "the counter went on across the migration: " + k0 + " -> " + k1);
        assertEquals(1, guests.qemus().size(), "one qemu for the guest, at its destination");
        assertEquals("0-1", QemuGuests.shell(c, first, "cat /sys/devices/system/cpu/online"), "its vCPUs came along");
    }

    @Test
    @Order(20)
    void guestsOutliveAKilledToolstackAndShutDownAfterItsRestart() throws Exception {
        VM second = guests.vm(c, "qemu guest B", 1L);
        third = guests.vm(c, "qemu guest C", 1L, Types.OnCrashBehaviour.PRESERVE);
        second.start(c, false, false);
        third.start(c, false, false);
        List<VM> vms = List.of(first, second, third);
        Map<VM, Long> domids = new LinkedHashMap<>();
        for (VM vm : vms) {
            assertEquals(Types.VmPowerState.RUNNING, vm.getPowerState(c));
            domids.put(vm, vm.getDomid(c));
        }
        assertEquals(3, Set.copyOf(domids.values()).size(), "three domains: " + domids);
        Set<Long> pids = guests.qemus().stream().map(ProcessHandle::pid).collect(Collectors.toSet());
        assertEquals(3, pids.size(), "one qemu per guest");
        // Each guest's counter before the kill: the guests just booted (under a loaded TCG host the
        // counter may still read 0), so "kept running" means "went on from here", not "is above 0".
        Map<VM, Long> before = new LinkedHashMap<>();
        for (VM vm : vms) {
            before.put(vm, QemuGuests.counter(c, vm));
        }
        dist.kill();
        assertFalse(dist.isAlive());
        assertThrows(Exception.class, () -> QemuGuests.connect(dist.url()), "the XenAPI went with the toolstack");
        assertEquals(pids, guests.qemus().stream().map(ProcessHandle::pid).collect(Collectors.toSet()),
                "the guests' qemu processes survive the toolstack");

        restarted = new QemuGuests.Restarted(dist);
        c = QemuGuests.connect(restarted.url);
        for (VM vm : vms) {
            QemuGuests.awaitPower(c, vm, Types.VmPowerState.RUNNING, 60);
            assertEquals(domids.get(vm), vm.getDomid(c), "the same domid after the restart");
        }
        assertEquals(pids, guests.qemus().stream().map(ProcessHandle::pid).collect(Collectors.toSet()),
                "the restart re-attached, it started no new qemu");
        assertEquals("prelaunch", foreign.status(), "the foreign qemu was not touched by the restart");
        assertTrue(foreign.process.isAlive());

        // The console proxy (it lives in the toolstack) is back: the new toolstack re-attached to the
        // guest, which kept running (its counter went on).
        for (VM vm : vms) {
            long after = QemuGuests.counter(c, vm);
            assertTrue(after > before.get(vm), vm.getNameLabel(c) + " kept counting across the restart: "
                    + before.get(vm) + " -> " + after);
            assertEquals(domids.get(vm), vm.getDomid(c), "the same domid after the re-attach");
        }

        // A clean shutdown goes through the guest's ACPI power button; the second is a hard one.
        first.cleanShutdown(c);
        assertEquals(Types.VmPowerState.HALTED, first.getPowerState(c));
        second.hardShutdown(c);
        for (VM vm : List.of(first, second)) {
            assertEquals(Types.VmPowerState.HALTED, vm.getPowerState(c));
            assertTrue(vm.getConsoles(c).isEmpty(), "a halted VM's consoles are gone");
            assertEquals(-1L, vm.getDomid(c));
        }
        awaitQuietly(Duration.ofSeconds(20), () -> guests.qemus().size() <= 1);
        assertEquals(1, guests.qemus().size(), "only the third guest's qemu is left");
        assertTrue(foreign.process.isAlive(), "the foreign qemu outlived it all");
    }

    @Test
    @Order(30)
    void aCrashedGuestIsPreservedAsActionsAfterCrashSays() throws Exception {
        // (A restart is not tried here: a guest that crashes within 120 s of its start is shut
        // down instead, as the original's engine does against crash loops.)
        assertEquals(Types.OnCrashBehaviour.PRESERVE, third.getActionsAfterCrash(c));
        long domid = third.getDomid(c);
        try (GuestConsole con = QemuGuests.textConsole(c, third)) {
            // The kernel panics; pvpanic tells qemu, the engine runs the crash action.
            con.send("echo 1 > /proc/sys/kernel/sysrq; echo c > /proc/sysrq-trigger\n");
            con.await("Kernel panic", 0, 60);
            QemuGuests.awaitPower(c, third, Types.VmPowerState.PAUSED, 60);
        }
        assertEquals(domid, third.getDomid(c), "the crashed domain is kept for inspection");
        assertEquals(1, guests.qemus().size());
        third.hardShutdown(c);
        assertEquals(Types.VmPowerState.HALTED, third.getPowerState(c));
        awaitQuietly(Duration.ofSeconds(20), () -> guests.qemus().isEmpty());
        assertTrue(guests.qemus().isEmpty(), "no qemu is left");
        assertEquals("prelaunch", foreign.status());
    }

    /** Waits until the condition holds or the time is up, whichever comes first; the caller's assertions judge. */
    private static void awaitQuietly(Duration atMost, Callable<Boolean> condition) {
        try {
            Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(condition);
        } catch (ConditionTimeoutException e) {
            // What the caller asserts next says what did not happen.
        }
    }
}
