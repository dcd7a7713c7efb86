package org.jxapi.xenops.qemu.impl;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The backend's configuration as ready values. */
record Settings(Path qemu, Path stateDir, String accel, int kvmProbeTimeoutMs, List<Path> kernelDirs,
        String machine, String cpuModel, String vncListen, int vncDisplayBase, int vncDisplayCount,
        String consoleListen, Path ovmfCode, Path ovmfVars, double minimumRebootDelay, int balloonTimeoutSeconds,
        int unplugTimeoutSeconds, String nicWithoutBridge, Path crashdumpDir) {

    Settings {
        kernelDirs = List.copyOf(kernelDirs);
    }

    static Settings of(QemuBackendConfig c) {
        Path state = c.state_dir().isBlank() ? defaultStateDir() : Path.of(c.state_dir());
        return new Settings(Path.of(c.qemu_binary()), state, c.accel(), c.kvm_probe_timeout_ms(),
                Arrays.stream(c.kernel_allowed_dirs().split(",")).map(String::trim).filter(s -> !s.isBlank())
                        .map(Path::of).toList(), c.machine(),
                c.cpu_model(), c.vnc_listen(), c.vnc_display_base(), c.vnc_display_count(), c.console_listen(),
                Path.of(c.ovmf_code()), Path.of(c.ovmf_vars()), c.minimum_reboot_delay(), c.balloon_timeout_seconds(),
                c.unplug_timeout_seconds(), c.nic_without_bridge(),
                c.crashdump_dir().isBlank() ? state.resolve("crashdumps") : Path.of(c.crashdump_dir()));
    }

    /** Settings for tests and standalone use: everything default but the state directory and kernel dirs. */
    static Settings defaults(Path stateDir, List<Path> kernelDirs) {
        return new Settings(Path.of("/usr/bin/qemu-system-x86_64"), stateDir, "auto", 3000, kernelDirs, "pc", "",
                "127.0.0.1", 0, 1000, "127.0.0.1", Path.of("/usr/share/OVMF/OVMF_CODE_4M.fd"),
                Path.of("/usr/share/OVMF/OVMF_VARS_4M.fd"), 10, 10, 20, "user", stateDir.resolve("crashdumps"));
    }

    Settings withAccel(String a) {
        return new Settings(qemu, stateDir, a, kvmProbeTimeoutMs, kernelDirs, machine, cpuModel, vncListen,
                vncDisplayBase, vncDisplayCount, consoleListen, ovmfCode, ovmfVars, minimumRebootDelay,
                balloonTimeoutSeconds, unplugTimeoutSeconds, nicWithoutBridge, crashdumpDir);
    }

    Settings withMinimumRebootDelay(double d) {
        return new Settings(qemu, stateDir, accel, kvmProbeTimeoutMs, kernelDirs, machine, cpuModel, vncListen,
                vncDisplayBase, vncDisplayCount, consoleListen, ovmfCode, ovmfVars, d, balloonTimeoutSeconds,
                unplugTimeoutSeconds, nicWithoutBridge, crashdumpDir);
    }

    static Path defaultStateDir() {
        String data = System.getProperty("karaf.data");
        Path base = data != null ? Path.of(data) : Path.of(System.getProperty("java.io.tmpdir"));
        return base.resolve("jxapi").resolve("xenops").resolve("qemu");
    }
}
