package org.jxapi.storage.spi.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class ExternalCommandTest {

    @Test
    void capturesOutputErrorAndExitCode() {
        CommandResult r = ExternalCommand.of("sh", "-c", "cat; echo oops >&2; exit 3").withStdin("hello").run();
        assertEquals(3, r.exitCode());
        assertEquals("hello", r.stdout());
        assertEquals("oops\n", r.stderr());
    }

    @Test
    void timeoutKillsTheProgramAndKeepsItsStderr() {
        long t0 = System.nanoTime();
        CommandException e = assertThrows(CommandException.class,
                () -> ExternalCommand.of("sh", "-c", "echo started >&2; sleep 30")
                        .withTimeout(Duration.ofMillis(500)).run());
        assertEquals(CommandException.Kind.TIMED_OUT, e.kind());
        assertTrue(e.stderr().contains("started"), e.stderr());
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "killed promptly");
    }

    @Test
    void interruptCancels() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                ExternalCommand.of("sleep", "30").run();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        Thread.sleep(300);
        t.interrupt();
        t.join(10_000);
        assertTrue(thrown.get() instanceof CommandException c && c.kind() == CommandException.Kind.CANCELLED,
                String.valueOf(thrown.get()));
    }

    @Test
    void missingProgramFailsToStart() {
        CommandException e = assertThrows(CommandException.class,
                () -> ExternalCommand.of("/no/such/program").run());
        assertEquals(CommandException.Kind.START_FAILED, e.kind());
    }
}
