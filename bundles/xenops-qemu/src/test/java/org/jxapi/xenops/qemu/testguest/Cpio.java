package org.jxapi.xenops.qemu.testguest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A cpio archive in the "newc" format the kernel unpacks as an initramfs. Entries are kept in
 * memory and written in the order added, so that directories precede their contents; device nodes
 * need no mknod on the build host.
 */
final class Cpio {
    private record Entry(int mode, byte[] data, int rdevMajor, int rdevMinor, String linkTarget) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    Cpio dir(String path) {
        entries.put(path, new Entry(0040755, new byte[0], 0, 0, null));
        return this;
    }

    Cpio file(String path, byte[] data, boolean executable) {
        entries.put(path, new Entry(executable ? 0100755 : 0100644, data, 0, 0, null));
        return this;
    }

    Cpio file(String path, String text, boolean executable) {
        return file(path, text.getBytes(StandardCharsets.UTF_8), executable);
    }

    Cpio symlink(String path, String target) {
        entries.put(path, new Entry(0120777, target.getBytes(StandardCharsets.UTF_8), 0, 0, target));
        return this;
    }

    Cpio charDevice(String path, int major, int minor) {
        entries.put(path, new Entry(0020600, new byte[0], major, minor, null));
        return this;
    }

    void write(OutputStream out) throws IOException {
        int ino = 1;
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            Entry x = e.getValue();
            header(out, ino++, x.mode(), x.data().length, x.rdevMajor(), x.rdevMinor(), e.getKey());
            out.write(x.data());
            pad(out, x.data().length);
        }
        header(out, 0, 0, 0, 0, 0, "TRAILER!!!");
    }

    private static void header(OutputStream out, int ino, int mode, int size, int rmaj, int rmin, String name)
            throws IOException {
        byte[] n = (name + "\0").getBytes(StandardCharsets.UTF_8);
        StringBuilder h = new StringBuilder("070701");
        for (int v : new int[] {ino, mode, 0, 0, (mode & 0170000) == 0040000 ? 2 : 1, 0, size, 0, 0, rmaj, rmin,
                n.length, 0}) {
            h.append(String.format("%08x", v));
        }
        byte[] hb = h.toString().getBytes(StandardCharsets.US_ASCII);
        out.write(hb);
        out.write(n);
        pad(out, hb.length + n.length);
    }

    private static void pad(OutputStream out, int written) throws IOException {
        int rem = written % 4;
        if (rem != 0) {
            out.write(new byte[4 - rem]);
        }
    }

    byte[] toBytes() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        write(b);
        return b.toByteArray();
    }
}
