package org.jxapi.sm.support.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxapi.storage.api.SrInfo;
import org.jxapi.storage.api.VdiInfo;
import org.jxapi.storage.spi.DriverInfo;
import org.jxapi.storage.spi.SrContext;
import org.jxapi.storage.spi.SrDriver;

/** Drivers follow the files of a watched directory: "<type>.drv" files whose content is "ok". */
class DriverDirectoryScannerTest {
    @TempDir
    Path tmp;
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger opens = new AtomicInteger();
    private DriverDirectoryScanner scanner;

    private final class Files1 implements DriverSource {
        final Path root;

        Files1(Path root) {
            this.root = root;
        }

        @Override
        public List<Path> roots() {
            return List.of(root);
        }

        @Override
        public Map<String, Path> candidates() {
            Map<String, Path> m = new TreeMap<>();
            if (Files.isDirectory(root)) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, "*.drv")) {
                    ds.forEach(p -> m.put(p.getFileName().toString().replace(".drv", ""), p));
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }
            return m;
        }

        @Override
        public SrDriver open(String srType, Path candidate) throws Exception {
            opens.incrementAndGet();
            if (!Files.readString(candidate).equals("ok")) {
                throw new IllegalStateException("not ok");
            }
            return new NoDriver();
        }
    }

    /** Registration is all these tests look at. */
    private static final class NoDriver implements SrDriver {
        @Override
        public DriverInfo info() {
            return null;
        }

        @Override
        public void srAttach(SrContext ctx) {
        }

        @Override
        public void srDetach(SrContext ctx) {
        }

        @Override
        public List<VdiInfo> srScan(SrContext ctx) {
            return List.of();
        }

        @Override
        public SrInfo srStat(SrContext ctx) {
            return null;
        }
    }

    private DriverDirectoryScanner start(Path root, Duration rescan) throws IOException {
        scanner = new DriverDirectoryScanner("test-scan", new Files1(root), (type, d) -> {
            events.add("+" + type);
            return () -> events.add("-" + type);
        }, rescan);
        return scanner;
    }

    @AfterEach
    void tearDown() {
        if (scanner != null) {
            scanner.close();
        }
    }

    private void awaitEvents(String... expected) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events.equals(List.of(expected)));
    }

    @Test
    void aDriverDroppedInIsRegisteredFromTheWatchAloneAndRemovedWithItsFile() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("d"));
        Files.writeString(root.resolve("a.drv"), "ok");
        start(root, Duration.ZERO);
        assertEquals(List.of("+a"), events, "the first scan runs before the constructor returns");
        Files.writeString(root.resolve("b.drv"), "ok");
        awaitEvents("+a", "+b");
        Files.delete(root.resolve("a.drv"));
        awaitEvents("+a", "+b", "-a");
        scanner.close();
        assertEquals(List.of("+a", "+b", "-a", "-b"), events, "closing unregisters what is left");
    }

    @Test
    void aRejectedCandidateIsRetriedOnlyOnceItChanges() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("d"));
        Path c = root.resolve("c.drv");
        Files.writeString(c, "not yet");
        start(root, Duration.ZERO);
        scanner.scan();
        scanner.scan();
        assertEquals(1, opens.get(), "unchanged, the candidate is not opened again");
        Files.writeString(c, "ok");
        Files.setLastModifiedTime(c, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        awaitEvents("+c");
    }

    @Test
    void aRootCreatedLaterIsPickedUpByTheBoundedRescan() throws Exception {
        Path root = tmp.resolve("later");
        start(root, Duration.ofMillis(100));
        Files.createDirectories(root);
        Files.writeString(root.resolve("x.drv"), "ok");
        awaitEvents("+x");
    }
}
