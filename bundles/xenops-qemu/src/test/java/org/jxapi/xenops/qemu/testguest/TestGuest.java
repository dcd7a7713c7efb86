package org.jxapi.xenops.qemu.testguest;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Builds the test guest once and caches it: Debian's cloud kernel (the package that
 * {@code linux-image-cloud-amd64} depends on, fetched with {@code apt-get download} and unpacked
 * with {@code dpkg-deb -x}) and an initramfs made here from the static busybox of
 * {@code busybox-static}, the kernel's virtio, ATA, CD-ROM, ACPI button, evdev and pvpanic
 * modules, and the scripts of {@link GuestScripts}. Under TCG it reaches userspace in about two
 * seconds and prints {@value GuestScripts#READY_MARKER} on its serial console.
 *
 * <p>The cache is {@code ${user.home}/.cache/jxapi/test-guest/<kernel package>/} (or the directory in
 * the system property {@code jxapi.testguest.cache}); the initramfs is keyed by a digest of its
 * contents, so changing a script builds a new one. Debian packages needed on the build host:
 * {@code apt} (with package lists: {@code apt-get update}), {@code dpkg}, {@code busybox-static}.
 */
public final class TestGuest {
    /** The markers the guest prints on its serial console. */
    public static final String BOOT_MARKER = GuestScripts.BOOT_MARKER;
    public static final String READY_MARKER = GuestScripts.READY_MARKER;
    public static final String POWEROFF_MARKER = GuestScripts.POWEROFF_MARKER;
    public static final String REBOOT_MARKER = GuestScripts.REBOOT_MARKER;
    /** The kernel command line the guest is meant to boot with. */
    public static final String CMDLINE = "console=ttyS0 quiet no_timer_check panic=-1";

    /** Modules loaded at boot, in this order after their dependencies. */
    private static final List<String> MODULES = List.of("virtio_pci", "virtio_blk", "virtio_net", "virtio_console",
            "virtio_balloon", "virtio_input", "ata_piix", "ata_generic", "sd_mod", "sr_mod", "isofs", "button",
            "evdev", "pvpanic_mmio", "pvpanic_pci", "vmxnet3");

    /** The built guest: where its kernel and initramfs are, and the command line to boot them with. */
    public record Guest(Path kernel, Path initrd, String cmdline, String kernelPackage) {
    }

    private TestGuest() {
    }

    /** The cache root. */
    public static Path cacheRoot() {
        String p = System.getProperty("jxapi.testguest.cache");
        return p != null ? Path.of(p) : Path.of(System.getProperty("user.home"), ".cache", "jxapi", "test-guest");
    }

    private static Guest built;

    /** Builds the guest if it is not cached yet, and returns it. Safe to call from parallel JVMs. */
    public static synchronized Guest build() {
        if (built != null && Files.exists(built.kernel()) && Files.exists(built.initrd())) {
            return built;
        }
        built = buildNow();
        return built;
    }

    private static Guest buildNow() {
        try {
            Path root = cacheRoot();
            Files.createDirectories(root);
            try (FileChannel ch = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
                String pkg = kernelPackage();
                Path dir = root.resolve(pkg);
                Path kernel = dir.resolve("vmlinuz");
                Path modules = dir.resolve("modules");
                if (!Files.exists(kernel) || !Files.isDirectory(modules)) {
                    fetchKernel(pkg, dir);
                }
                byte[] initrd = initramfs(modules);
                String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(initrd), 0, 8);
                // Uncompressed: under TCG the kernel unpacks a gzip initramfs slower than qemu loads a bigger file.
                Path initrdFile = dir.resolve("initrd-" + digest + ".cpio");
                if (!Files.exists(initrdFile)) {
                    Path tmp = dir.resolve("initrd.tmp");
                    try (OutputStream out = Files.newOutputStream(tmp)) {
                        out.write(initrd);
                    }
                    Files.move(tmp, initrdFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
                return new Guest(kernel, initrdFile, CMDLINE, pkg);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The kernel package the cloud meta-package depends on now, e.g. linux-image-6.1.0-56-cloud-amd64. */
    static String kernelPackage() throws IOException {
        String forced = System.getProperty("jxapi.testguest.kernel.package");
        if (forced != null) {
            return forced;
        }
        String out = run(null, "apt-cache", "depends", "linux-image-cloud-amd64");
        for (String l : out.split("\n")) {
            l = l.trim();
            if (l.startsWith("Depends:") && l.contains("linux-image-")) {
                return l.substring("Depends:".length()).trim();
            }
        }
        // Without package lists, fall back to what an earlier run cached.
        Path root = cacheRoot();
        if (Files.isDirectory(root)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, "linux-image-*")) {
                for (Path p : ds) {
                    if (Files.exists(p.resolve("vmlinuz"))) {
                        return p.getFileName().toString();
                    }
                }
            }
        }
        throw new IOException("cannot find the Debian cloud kernel package: run apt-get update (apt-cache said: "
                + out.trim() + ")");
    }

    private static void fetchKernel(String pkg, Path dir) throws IOException {
        Path work = Files.createTempDirectory("jxapi-testguest");
        try {
            run(work, "apt-get", "download", pkg);
            Path deb;
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(work, "*.deb")) {
                deb = ds.iterator().next();
            }
            Path unpacked = work.resolve("root");
            run(work, "dpkg-deb", "-x", deb.toString(), unpacked.toString());
            Files.createDirectories(dir);
            Path vmlinuz;
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(unpacked.resolve("boot"), "vmlinuz-*")) {
                vmlinuz = ds.iterator().next();
            }
            Path modulesRoot;
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(unpacked.resolve("lib/modules"))) {
                modulesRoot = ds.iterator().next();
            }
            Path modules = dir.resolve("modules.tmp");
            deleteTree(modules);
            Files.createDirectories(modules);
            Map<String, String> deps = readDeps(modulesRoot);
            for (String m : loadOrder(deps)) {
                Path src = modulesRoot.resolve(m);
                Files.copy(src, modules.resolve(baseName(m) + ".ko"));
            }
            Files.writeString(modules.resolve("order"), String.join(" ", loadOrder(deps).stream()
                    .map(TestGuest::baseName).toList()));
            deleteTree(dir.resolve("modules"));
            Files.move(modules, dir.resolve("modules"));
            Files.copy(vmlinuz, dir.resolve("vmlinuz.tmp"), StandardCopyOption.REPLACE_EXISTING);
            Files.move(dir.resolve("vmlinuz.tmp"), dir.resolve("vmlinuz"), StandardCopyOption.REPLACE_EXISTING);
        } finally {
            deleteTree(work);
        }
    }

    /**
     * Every module of the package as its path (relative to the modules root) and its
     * dependencies' paths, read from the "depends=" entry of each module's .modinfo: the package
     * ships no modules.dep (depmod makes it at install time).
     */
    private static Map<String, String> readDeps(Path modulesRoot) throws IOException {
        Map<String, Path> byName = new LinkedHashMap<>();
        try (var s = Files.walk(modulesRoot)) {
            for (Path p : s.filter(x -> x.toString().endsWith(".ko")).toList()) {
                byName.put(baseName(p.toString()), p);
            }
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : byName.entrySet()) {
            List<String> deps = new ArrayList<>();
            for (String d : modinfoDepends(Files.readAllBytes(e.getValue()))) {
                Path dp = byName.get(d.replace('-', '_'));
                if (dp != null) {
                    deps.add(modulesRoot.relativize(dp).toString());
                }
            }
            m.put(modulesRoot.relativize(e.getValue()).toString(), String.join(" ", deps));
        }
        return m;
    }

    private static List<String> modinfoDepends(byte[] ko) {
        byte[] key = "depends=".getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + key.length < ko.length; i++) {
            for (int j = 0; j < key.length; j++) {
                if (ko[i + j] != key[j]) {
                    continue outer;
                }
            }
            if (i > 0 && ko[i - 1] != 0) {
                continue;
            }
            int end = i + key.length;
            while (end < ko.length && ko[end] != 0) {
                end++;
            }
            String v = new String(ko, i + key.length, end - i - key.length, StandardCharsets.US_ASCII);
            return v.isBlank() ? List.of() : List.of(v.split(","));
        }
        return List.of();
    }

    static String baseName(String path) {
        String f = path.substring(path.lastIndexOf('/') + 1);
        return f.substring(0, f.indexOf(".ko")).replace('-', '_');
    }

    /** The wanted modules and their dependencies, each after what it depends on. */
    private static List<String> loadOrder(Map<String, String> deps) {
        Map<String, String> byName = new LinkedHashMap<>();
        deps.keySet().forEach(p -> byName.put(baseName(p), p));
        Set<String> out = new LinkedHashSet<>();
        for (String name : MODULES) {
            String p = byName.get(name);
            if (p != null) {
                visit(p, deps, out);
            }
        }
        return new ArrayList<>(out);
    }

    private static void visit(String p, Map<String, String> deps, Set<String> out) {
        if (out.contains(p)) {
            return;
        }
        String d = deps.getOrDefault(p, "");
        if (!d.isBlank()) {
            for (String dep : d.split("\\s+")) {
                visit(dep, deps, out);
            }
        }
        out.add(p);
    }

    private static byte[] initramfs(Path modules) throws IOException {
        Path busybox = Path.of("/bin/busybox");
        if (!Files.isRegularFile(busybox) || !isStatic(busybox)) {
            throw new IOException("/bin/busybox is missing or not static: apt-get install busybox-static");
        }
        String order = Files.readString(modules.resolve("order")).trim();
        Cpio c = new Cpio();
        for (String d : List.of("bin", "sbin", "usr", "usr/bin", "usr/sbin", "dev", "proc", "sys", "tmp", "run",
                "etc", "etc/acpi", "etc/acpi/PWRF", "var", "var/log", "lib", "lib/modules", "root")) {
            c.dir(d);
        }
        c.charDevice("dev/console", 5, 1);
        c.charDevice("dev/null", 1, 3);
        c.file("bin/busybox", Files.readAllBytes(busybox), true);
        c.symlink("bin/sh", "busybox");
        c.file("init", GuestScripts.init(order), true);
        c.file("bin/hotplug", GuestScripts.HOTPLUG, true);
        c.file("bin/hotplug-net", GuestScripts.HOTPLUG_NET, true);
        c.file("bin/counter", GuestScripts.COUNTER, true);
        c.file("bin/agent", GuestScripts.AGENT, true);
        c.file("bin/cdeject", java.util.Base64.getDecoder().decode(GuestScripts.CDEJECT_ELF_BASE64), true);
        c.file("etc/udhcpc.script", GuestScripts.UDHCPC, true);
        c.file("etc/acpi/PWRF/00000080", GuestScripts.POWER_BUTTON, true);
        c.file("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n", false);
        c.file("etc/profile", "export PS1='guest# '\n", false);
        for (String m : order.split(" ")) {
            if (!m.isBlank()) {
                c.file("lib/modules/" + m + ".ko", Files.readAllBytes(modules.resolve(m + ".ko")), false);
            }
        }
        return c.toBytes();
    }

    /** An ELF executable without a PT_INTERP program header needs no dynamic loader. */
    static boolean isStatic(Path elf) throws IOException {
        byte[] b = Files.readAllBytes(elf);
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        if (b.length < 64 || b[0] != 0x7f || b[1] != 'E' || b[2] != 'L' || b[3] != 'F' || b[4] != 2) {
            return false;
        }
        long phoff = buf.getLong(0x20);
        int phentsize = Short.toUnsignedInt(buf.getShort(0x36));
        int phnum = Short.toUnsignedInt(buf.getShort(0x38));
        for (int i = 0; i < phnum; i++) {
            if (buf.getInt((int) (phoff + (long) i * phentsize)) == 3) {
                return false;
            }
        }
        return true;
    }

    private static String run(Path dir, String... cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed: " + out.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        return out;
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path x : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(x);
            }
        }
    }
}
