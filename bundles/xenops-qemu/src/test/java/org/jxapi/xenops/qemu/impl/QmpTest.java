package org.jxapi.xenops.qemu.impl;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The QMP client against a real qemu: greeting, commands, errors, events and the end of the connection. */
@org.junit.jupiter.api.Timeout(value = 2, unit = java.util.concurrent.TimeUnit.MINUTES,
        threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class QmpTest {
    @TempDir
    Path dir;

    @Test
    void commandsRepliesErrorsEventsAndClose() throws Exception {
        Process qemu = ForeignQemu.start(dir);
        try (Qmp q = Qmp.connect("test", dir.resolve("qmp.sock"), Duration.ofSeconds(10), qemu::isAlive)) {
            assertEquals(7L, q.version().path("qemu").path("major").longValue());
            List<Qmp.Event> events = new CopyOnWriteArrayList<>();
            q.onEvent(events::add);
            assertEquals("prelaunch", q.call("query-status").path("status").asText(null));
            QmpException e = assertThrows(QmpException.class, () -> q.call("device_del", Map.of("id", "nothing")));
            assertEquals("DeviceNotFound", e.errorClass());
            // Several callers at once get their own replies.
            var a = q.send("query-status", Map.of());
            var b = q.send("query-name", Map.of());
            assertTrue(a.get().has("status"));
            assertNotNull(b.get());
            q.call("cont");
            Guests.await("a RESUME event", Duration.ofSeconds(5),
                    () -> events.stream().anyMatch(ev -> ev.name().equals("RESUME")));
            q.send("quit", Map.of());
            Guests.await("the connection ends", Duration.ofSeconds(10),
                    () -> events.stream().anyMatch(ev -> ev.name().equals(Qmp.CLOSED)));
            assertTrue(q.isClosed());
            QmpException closed = assertThrows(QmpException.class, () -> q.call("query-status"));
            assertEquals("Closed", closed.errorClass());
        } finally {
            qemu.destroyForcibly();
            qemu.waitFor();
        }
    }
}
