package org.jxapi.networkd.simulator.impl;

import java.util.List;
import java.util.Objects;

/**
 * A physical NIC of the simulated host: its name, MAC, PCI address, whether a cable is in
 * (carrier once the NIC is up) and its speed in Mbit/s. Configured as
 * {@code name[,mac[,pci[,carrier[,speed]]]]}; what is left out is derived from the NIC's position.
 */
public record SimulatedNic(String name, String mac, String pciBusPath, boolean carrier, long speedMbit) {
    public SimulatedNic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mac, "mac");
        pciBusPath = pciBusPath == null ? "" : pciBusPath;
    }

    /** The default host: {@code sim0} and {@code sim1}, both cabled at 1000 Mbit/s. */
    public static List<SimulatedNic> defaults() {
        return List.of(numbered("sim0", 0), numbered("sim1", 1));
    }

    /** A cabled 1000 Mbit/s NIC whose MAC and PCI address follow from {@code index}. */
    public static SimulatedNic numbered(String name, int index) {
        return new SimulatedNic(name, String.format("02:00:5e:00:00:%02x", index & 0xff),
                String.format("0000:00:%02x.0", (index + 3) & 0xff), true, 1000);
    }

    /** Reads {@code name[,mac[,pci[,carrier[,speed]]]]}; empty fields take the derived value. */
    public static SimulatedNic parse(String spec, int index) {
        String[] f = spec.trim().split("\\s*,\\s*", -1);
        SimulatedNic d = numbered(f[0], index);
        String mac = field(f, 1, d.mac());
        String pci = field(f, 2, d.pciBusPath());
        boolean carrier = Boolean.parseBoolean(field(f, 3, "true"));
        long speed = Long.parseLong(field(f, 4, "1000"));
        return new SimulatedNic(f[0], mac, pci, carrier, speed);
    }

    private static String field(String[] f, int i, String dflt) {
        return i < f.length && !f[i].isBlank() ? f[i] : dflt;
    }
}
