package org.jxapi.xapi.storage.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jxapi.xenapi.model.XenApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.util.converter.Converters;

/** qemu-img calls of the raw transfers: time limit, failures, output. */
class RawTransferTest {
    @TempDir
    Path dir;

    private RawTransfer transfer(Path qemuImg, int timeoutSeconds) {
        Map<String, Object> p = Map.of("qemu.img", qemuImg.toString(), "tmp.dir", dir.toString(),
                "convert.timeout.seconds", timeoutSeconds);
        return new RawTransfer(Converters.standardConverter().convert(p).to(RawVdiConfig.class));
    }

    private Path script(String name, String body) throws Exception {
        Path s = dir.resolve(name);
        Files.writeString(s, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwxr-xr-x"));
        return s;
    }

    @Test
    void aHungQemuImgIsKilledWhenItsTimeIsUp() throws Exception {
        // Prints a little (the old code read output to its end before the time limit applied), records
        // its pid, then hangs with its output still open.
        Path pidFile = dir.resolve("pid");
        Path hang = script("hang", "echo started; echo $$ > " + pidFile + "; exec sleep 600");
        RawTransfer t = transfer(hang, 1);
        XenApiException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> assertThrows(XenApiException.class, () -> t.check(dir.resolve("image.qcow2"))));
        assertEquals("SR_BACKEND_FAILURE", e.code());
        assertTrue(e.params().get(0).contains("timed out after 1 s"), e.params().toString());
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isPresent()) {
            h.get().onExit().get(30, TimeUnit.SECONDS);
            assertFalse(h.get().isAlive(), "the hung qemu-img " + pid + " was left running");
        }
    }

    @Test
    void aFailingQemuImgGivesItsExitCodeAndOutput() throws Exception {
        Path fail = script("fail", "echo 'Could not open image' >&2; exit 3");
        XenApiException e = assertThrows(XenApiException.class,
                () -> transfer(fail, 60).convert(dir.resolve("a"), "raw", dir.resolve("b"), "qcow2"));
        assertEquals("SR_BACKEND_FAILURE", e.code());
        assertTrue(e.params().get(0).endsWith("exited with 3"), e.params().toString());
        assertEquals("Could not open image", e.params().get(2));
    }

    @Test
    void aQemuImgThatSucceedsReturns() throws Exception {
        Path ok = script("ok", "echo \"$@\" > " + dir.resolve("args"));
        transfer(ok, 60).convert(dir.resolve("a"), "raw", dir.resolve("b"), "qcow2");
        assertEquals(List.of("convert -f raw -O qcow2 " + dir.resolve("a") + " " + dir.resolve("b")),
                Files.readAllLines(dir.resolve("args")));
    }

    @Test
    void aMissingQemuImgIsABackendFailure() {
        XenApiException e = assertThrows(XenApiException.class,
                () -> transfer(dir.resolve("no-such-qemu-img"), 60).check(dir.resolve("x")));
        assertEquals("SR_BACKEND_FAILURE", e.code());
    }
}
