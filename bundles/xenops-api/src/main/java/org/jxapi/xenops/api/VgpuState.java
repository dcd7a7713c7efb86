package org.jxapi.xenops.api;

/** A vGPU's state; {@code emulatorPid} is null when no emulator runs. */
public record VgpuState(boolean active, boolean plugged, Integer emulatorPid) {
    public static VgpuState unplugged() {
        return new VgpuState(false, false, null);
    }
}
