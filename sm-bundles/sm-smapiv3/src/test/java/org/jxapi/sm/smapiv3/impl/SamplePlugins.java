package org.jxapi.sm.smapiv3.impl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * Installs the sample shell plugins of {@code src/test/resources/smapiv3} as an administrator
 * would: copied beside the plugin root, made executable, then moved in with one rename.
 */
final class SamplePlugins {
    static final String VOLUME = "org.xen.xapi.storage.shfile";
    static final String DATAPATH = "file";

    private SamplePlugins() {
    }

    static Path source(String kind, String name) {
        try {
            return Path.of(SamplePlugins.class.getResource("/smapiv3/" + kind + "/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path install(String kind, String name, Path root) {
        try {
            Files.createDirectories(root);
            Path staging = Files.createTempDirectory(root.getParent(), ".staging");
            Path dir = staging.resolve(name);
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(source(kind, name))) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Path to = dir.resolve(f.getFileName());
                    Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
                    to.toFile().setExecutable(!f.getFileName().toString().endsWith(".sh"));
                }
            }
            Path target = root.resolve(name);
            Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
            Files.delete(staging);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void remove(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
