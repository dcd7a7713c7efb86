package org.jxapi.sm.smapiv1.impl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Installs the sample Python driver {@code DummySR} into an SM directory, executable. */
final class SampleDriver {
    private SampleDriver() {
    }

    static Path install(Path smDir) {
        assertTrue(Files.isExecutable(Path.of("/usr/bin/python3")),
                "the SMAPIv1 sample driver needs Python 3: apt-get install -y python3");
        try {
            Path src = Path.of(SampleDriver.class.getResource("/smapiv1/DummySR").toURI());
            Files.createDirectories(smDir);
            Path exe = smDir.resolve("DummySR");
            Files.copy(src, exe, StandardCopyOption.REPLACE_EXISTING);
            exe.toFile().setExecutable(true);
            return exe;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
