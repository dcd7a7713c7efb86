package org.jxapi.xenops.qemu.impl;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.util.converter.Converters;

/** The component's configuration, as ConfigAdmin would give it, becomes ready settings. */
class SettingsTest {
    @Test
    void configurationKeysBecomeSettings() {
        QemuBackendConfig c = Converters.standardConverter().convert(Map.of("state.dir", "/var/lib/jxq",
                "kernel.allowed.dirs", "/boot/guest, /srv/kernels", "accel", "tcg")).to(QemuBackendConfig.class);
        Settings s = Settings.of(c);
        assertEquals(Path.of("/var/lib/jxq"), s.stateDir());
        assertEquals(List.of(Path.of("/boot/guest"), Path.of("/srv/kernels")), s.kernelDirs());
        assertEquals("tcg", s.accel());
        assertEquals(Path.of("/var/lib/jxq/crashdumps"), s.crashdumpDir());
        assertEquals("user", s.nicWithoutBridge());
    }

    @Test
    void defaultsNameTheDebianPaths() {
        Settings s = Settings.of(Converters.standardConverter().convert(Map.of()).to(QemuBackendConfig.class));
        assertEquals(Path.of("/usr/bin/qemu-system-x86_64"), s.qemu());
        assertEquals("auto", s.accel());
        assertEquals(List.of(Path.of("/boot/guest"), Path.of("/var/lib/xcp/guest")), s.kernelDirs());
    }
}
