package org.jxapi.common.exec;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
                ExternalCommand.of("sleep", "31").run();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> childRunning("31"));
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

    @Test
    void aKilledProgramKeepsWhatItPrintedOnStdout() {
        CommandException e = assertThrows(CommandException.class,
                () -> ExternalCommand.of("sh", "-c", "echo half; sleep 30").withTimeout(Duration.ofMillis(500)).run());
        assertEquals("half\n", e.stdout());
        assertTrue(e.exitCode() != 0, "killed: " + e.exitCode());
    }

    @Test
    void cancelFromAnotherThreadKillsTheProgram() {
        RunningCommand running = ExternalCommand.of("sleep", "32").start();
        new Thread(running::cancel).start();
        CommandException e = assertThrows(CommandException.class, running::await);
        assertEquals(CommandException.Kind.CANCELLED, e.kind());
        assertFalse(ProcessHandle.of(running.pid()).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void aConditionCancels() {
        AtomicBoolean stop = new AtomicBoolean();
        RunningCommand running = ExternalCommand.of("sleep", "33").cancelWhen(stop::get).start();
        stop.set(true);
        CommandException e = assertThrows(CommandException.class, running::await);
        assertEquals(CommandException.Kind.CANCELLED, e.kind());
    }

    @Test
    void descendantsAreKilledToo() {
        CommandException e = assertThrows(CommandException.class,
                () -> ExternalCommand.of("sh", "-c", "sleep 300 & echo $!; wait").withTimeout(Duration.ofMillis(700))
                        .run());
        long grandchild = Long.parseLong(e.stdout().strip());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void aGrandchildHoldingTheOutputOpenDoesNotDelayTheResult() {
        long t0 = System.nanoTime();
        CommandResult r = ExternalCommand.of("sh", "-c", "sleep 300 & echo $!").run();
        long grandchild = Long.parseLong(r.stdout().strip());
        try {
            assertTrue(System.nanoTime() - t0 < 3_000_000_000L, "returned when the program ended");
        } finally {
            ProcessHandle.of(grandchild).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void mergedOutputKeepsTheOrder() {
        CommandResult r = ExternalCommand.of("sh", "-c", "echo a; echo b >&2; echo c").withMergedOutput().run();
        assertEquals("a\nb\nc\n", r.stdout());
        assertEquals("", r.stderr());
    }

    @Test
    void environmentAndDirectory(@TempDir Path dir) {
        CommandResult r = ExternalCommand.of("sh", "-c", "echo $JXAPI_X; pwd").withEnv("JXAPI_X", "y")
                .withDirectory(dir).run();
        assertEquals("y\n" + dir.toAbsolutePath() + "\n", r.stdout());
        CommandResult only = ExternalCommand.of("/usr/bin/env").withEnvironment(Map.of("A", "b")).run();
        assertEquals("A=b\n", only.stdout());
    }

    @Test
    void captureIsBounded() {
        CommandResult r = ExternalCommand.of("head", "-c", Integer.toString(ExternalCommand.MAX_CAPTURE + 1000),
                "/dev/zero").run();
        assertTrue(r.ok());
        assertEquals(ExternalCommand.MAX_CAPTURE, r.stdout().length());
    }

    private static boolean childRunning(String marker) {
        return ProcessHandle.current().children().anyMatch(h -> h.info().arguments()
                .map(a -> a.length > 0 && a[a.length - 1].equals(marker)).orElse(false));
    }
}
