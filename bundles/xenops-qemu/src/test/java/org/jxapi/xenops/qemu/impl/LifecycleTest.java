package org.jxapi.xenops.qemu.impl;

import static org.jxapi.xenops.qemu.impl.Guests.DBG;
import static org.jxapi.xenops.qemu.impl.Guests.success;
import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.jxapi.xenops.api.Console;
import org.jxapi.xenops.api.PowerState;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.VmState;
import org.jxapi.xenops.qemu.testguest.TestGuest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start, pause, reboot and shutdown of the test guest through the xenops engine, on real qemu. */
@org.junit.jupiter.api.Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES,
        threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class LifecycleTest {
    @TempDir
    Path dir;
    private EngineFixture f;

    @BeforeEach
    void setUp() {
        f = new EngineFixture(dir);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private VmState state(Vm vm) {
        return f.x.vmStat(DBG, vm.id()).state();
    }

    /** The VNC console answers an RFB handshake and the text console runs a shell, over TCP and Unix sockets. */
    private static void consolesAnswer(VmState s) throws Exception {
        Console rfb = s.consoles().stream().filter(c -> c.protocol() == Console.Protocol.RFB).findFirst().orElseThrow();
        Console text = s.consoles().stream().filter(c -> c.protocol() == Console.Protocol.VT100).findFirst()
                .orElseThrow();
        assertTrue(rfb.port() > 0 && text.port() > 0, s.consoles().toString());
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(rfb.path()))) {
            assertEquals("RFB 003.008\n", read(Channels.newInputStream(ch), "\n"));
        }
        try (Socket sock = new Socket("127.0.0.1", rfb.port())) {
            sock.setSoTimeout(20_000);
            assertEquals("RFB 003.008\n", read(sock.getInputStream(), "\n"));
        }
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(text.path()))) {
            OutputStream out = Channels.newOutputStream(ch);
            out.write("\necho unix-$((6*7))\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertTrue(read(Channels.newInputStream(ch), "unix-42").endsWith("unix-42"));
        }
        try (Socket sock = new Socket("127.0.0.1", text.port())) {
            sock.setSoTimeout(20_000);
            sock.getOutputStream().write("\necho tcp-$((6*7))\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(read(sock.getInputStream(), "tcp-42").endsWith("tcp-42"));
        }
    }

    /** Reads until {@code end} has been seen (or 20 s have passed, which fails). */
    private static String read(InputStream in, String end) throws Exception {
        StringBuilder b = new StringBuilder();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!b.toString().endsWith(end) && System.nanoTime() < deadline) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.append((char) c);
        }
        assertTrue(b.toString().endsWith(end), "expected " + end + " in " + b);
        return b.toString();
    }

    @Test
    void aGuestStartsPausedRunsPausesRebootsAndShutsDownCleanly() throws Exception {
        Vm vm = Guests.vm("lifecycle");
        f.x.vmAdd(DBG, vm);
        success(f.x, f.x.vmStart(DBG, vm.id(), false));
        VmState started = state(vm);
        assertEquals(PowerState.PAUSED, started.powerState(), "VM.start leaves the domain paused");
        assertEquals(1, started.domids().size());
        assertEquals("prelaunch", f.domain(vm).status, "qemu has not run a single guest instruction yet");

        success(f.x, f.x.vmUnpause(DBG, vm.id()));
        assertEquals(PowerState.RUNNING, state(vm).powerState());
        Guests.awaitMarker(f.console(vm), TestGuest.READY_MARKER, 1, Duration.ofSeconds(90));

        consolesAnswer(state(vm));

        success(f.x, f.x.vmPause(DBG, vm.id()));
        assertEquals(PowerState.PAUSED, state(vm).powerState());
        success(f.x, f.x.vmUnpause(DBG, vm.id()));
        assertEquals(PowerState.RUNNING, state(vm).powerState());
        Guests.counter(f.backend, vm); // the agent answers: the guest runs on

        int domid = state(vm).domids().get(0);
        success(f.x, f.x.vmReboot(DBG, vm.id(), 60.0));
        assertNotEquals(domid, state(vm).domids().get(0), "a reboot makes a new domain");
        assertEquals(PowerState.RUNNING, state(vm).powerState());
        Guests.awaitMarker(f.console(vm), TestGuest.READY_MARKER, 1, Duration.ofSeconds(90));

        Path console = f.console(vm);
        success(f.x, f.x.vmShutdown(DBG, vm.id(), 60.0));
        assertEquals(PowerState.HALTED, state(vm).powerState());
        assertTrue(state(vm).domids().isEmpty());
        assertFalse(console.toFile().exists(), "the domain's run directory is gone with it");
    }
}
