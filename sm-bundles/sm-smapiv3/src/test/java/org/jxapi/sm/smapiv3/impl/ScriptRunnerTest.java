package org.jxapi.sm.smapiv3.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxapi.xenapi.model.XenApiException;

class ScriptRunnerTest {
    @TempDir
    Path dir;
    private final ScriptRunner runner = new ScriptRunner(Duration.ofSeconds(2));

    private void script(String name, String body) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        p.toFile().setExecutable(true);
    }

    private XenApiException fails(String name) {
        return assertThrows(XenApiException.class, () -> runner.call(dir, name, Map.of("dbg", "t")));
    }

    @Test
    void argumentsGoInAsJsonAndTheAnswerComesBack() throws Exception {
        script("Volume.stat", "test \"$1\" = --json || exit 9; cat");
        assertEquals(Map.of("dbg", "t", "key", "k\"1"), runner.call(dir, "volume.STAT", Map.of("dbg", "t", "key", "k\"1")));
    }

    @Test
    void failuresAreTheOriginalsErrors() throws Exception {
        assertEquals("SCRIPT_MISSING", fails("SR.ls").code());
        Files.writeString(dir.resolve("SR.stat"), "#!/bin/sh\n");
        assertEquals("SCRIPT_NOT_EXECUTABLE", fails("SR.stat").code());
        script("SR.attach", "echo '{\"code\":\"Sr_not_attached\",\"params\":[\"x\"],\"backtrace\":{}}'; exit 1");
        assertEquals(List.of("Sr_not_attached", "x"), fails("SR.attach").errorDescription());
        script("SR.detach", "echo oops; exit 2");
        XenApiException bad = fails("SR.detach");
        assertEquals("SCRIPT_FAILED", bad.code());
        assertEquals("non-zero exit and bad json on stdout", bad.params().get(1));
        script("SR.destroy", "echo '{'");
        assertEquals(List.of("SCRIPT_FAILED", dir.resolve("SR.destroy").toString(), "bad json on stdout", "{\n"),
                fails("SR.destroy").errorDescription());
        script("SR.probe", "sleep 30");
        assertEquals("SCRIPT_FAILED", fails("SR.probe").code());
    }
}
