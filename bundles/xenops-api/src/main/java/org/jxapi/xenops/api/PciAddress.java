package org.jxapi.xenops.api;

/** A PCI address, written {@code dddd:bb:dd.f} in hexadecimal. */
public record PciAddress(int domain, int bus, int dev, int fn) {
    public static PciAddress parse(String s) {
        String[] a = s.split("[:.]");
        if (a.length != 4) {
            throw new IllegalArgumentException("bad PCI address " + s);
        }
        return new PciAddress(Integer.parseInt(a[0], 16), Integer.parseInt(a[1], 16), Integer.parseInt(a[2], 16),
                Integer.parseInt(a[3], 16));
    }

    @Override
    public String toString() {
        return String.format("%04x:%02x:%02x.%x", domain, bus, dev, fn);
    }
}
