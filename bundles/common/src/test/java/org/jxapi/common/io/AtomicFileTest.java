package org.jxapi.common.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void replacesTheContentAndLeavesNoTemporaryFile() throws IOException {
        Path f = dir.resolve("inventory");
        for (AtomicFile.Sync sync : AtomicFile.Sync.values()) {
            AtomicFile.writeString(f, "v=" + sync, sync);
            assertEquals("v=" + sync, Files.readString(f));
        }
        assertEquals(List.of(f), list());
    }

    @Test
    void theOldContentStaysWhenTheWriteFails() throws IOException {
        Path f = dir.resolve("accounts.json");
        AtomicFile.writeString(f, "old", AtomicFile.Sync.DATA);
        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(f, AtomicFile.Sync.DATA, out -> {
            out.write("half of the new".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(f));
        assertEquals(List.of(f), list());
    }

    @Test
    void aMissingDirectoryFailsAndCreatesNothing() {
        assertThrows(NoSuchFileException.class,
                () -> AtomicFile.writeString(dir.resolve("no/such/file"), "x", AtomicFile.Sync.DATA_AND_DIRECTORY));
        assertThrows(NoSuchFileException.class, () -> AtomicFile.syncDirectory(dir.resolve("no")));
    }

    /** A reader polling the file while it is rewritten sees only whole versions, each one byte repeated. */
    @Test
    void aReaderNeverSeesAPartialFile() throws Exception {
        Path f = dir.resolve("state.db");
        int size = 256 * 1024;
        AtomicFile.write(f, AtomicFile.Sync.NONE, out -> out.write(version('a', size)));
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<String> torn = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            while (writing.get() && torn.get() == null) {
                try {
                    byte[] b = Files.readAllBytes(f);
                    if (b.length != size || !Arrays.equals(b, version(b[0], size))) {
                        torn.set("read " + b.length + " bytes starting with " + (char) b[0]);
                    }
                } catch (IOException e) {
                    torn.set(e.toString());
                }
            }
        });
        reader.start();
        try {
            for (int i = 0; i < 200; i++) {
                byte v = (byte) ('a' + i % 26);
                AtomicFile.write(f, AtomicFile.Sync.NONE, out -> {
                    // Written in pieces, so that a non-atomic writer would expose a torn file.
                    byte[] b = version(v, size);
                    for (int off = 0; off < size; off += 4096) {
                        out.write(b, off, 4096);
                        out.flush();
                    }
                });
            }
        } finally {
            writing.set(false);
            reader.join(10_000);
        }
        assertEquals(null, torn.get());
        assertArrayEquals(version((byte) ('a' + 199 % 26), size), Files.readAllBytes(f));
    }

    private static byte[] version(byte b, int size) {
        byte[] out = new byte[size];
        Arrays.fill(out, b);
        return out;
    }

    private static byte[] version(char c, int size) {
        return version((byte) c, size);
    }

    private List<Path> list() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> l = s.toList();
            assertTrue(l.stream().noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), l.toString());
            return l;
        }
    }
}
