package org.jxapi.xenops.server.impl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

import org.jxapi.xenops.api.DeviceId;
import org.jxapi.xenops.api.Pci;
import org.jxapi.xenops.api.Vbd;
import org.jxapi.xenops.api.Vgpu;
import org.jxapi.xenops.api.Vif;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.Vusb;
import org.jxapi.xenops.api.XenopsException;
import org.jxapi.xenops.json.XenopsJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * VM and device metadata, as JSON files under {@code <data dir>/VM/<vm id>/}: {@code config} (the
 * VM), {@code vbd.<name>}, {@code vif.<name>}, {@code pci.<name>}, {@code vgpu.<name>},
 * {@code vusb.<name>}, and {@code extra} (VmExtra: the configuration the running domain was started
 * with). Files are replaced atomically (temporary file, fsync if configured, rename); reads come from memory, and
 * a write whose content did not change is skipped.
 */
final class MetadataStore {
    private static final Logger LOG = LoggerFactory.getLogger(MetadataStore.class);
    private static final String CONFIG = "config";
    private static final String EXTRA = "extra";

    /** One kind of device: its file prefix and record type. */
    private record Kind<T>(String prefix, Class<T> type) {
    }

    private static final Kind<Vbd> VBD = new Kind<>("vbd.", Vbd.class);
    private static final Kind<Vif> VIF = new Kind<>("vif.", Vif.class);
    private static final Kind<Pci> PCI = new Kind<>("pci.", Pci.class);
    private static final Kind<Vgpu> VGPU = new Kind<>("vgpu.", Vgpu.class);
    private static final Kind<Vusb> VUSB = new Kind<>("vusb.", Vusb.class);

    private static final class Entry {
        final Path dir;
        volatile Vm vm;
        volatile Vm extra;
        final Map<String, Object> devices = new ConcurrentSkipListMap<>();
        final Map<String, byte[]> written = new ConcurrentHashMap<>();

        Entry(Path dir) {
            this.dir = dir;
        }
    }

    private final Path root;
    private final boolean fsync;
    private final Map<String, Entry> vms = new ConcurrentHashMap<>();

    MetadataStore(Path dataDir, boolean fsync) {
        this.root = dataDir.resolve("VM");
        this.fsync = fsync;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        load();
    }

    private void load() {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path dir : dirs) {
                String id = dir.getFileName().toString();
                try {
                    Entry e = new Entry(dir);
                    byte[] config = Files.readAllBytes(dir.resolve(CONFIG));
                    e.vm = XenopsJson.read(config, Vm.class);
                    e.written.put(CONFIG, config);
                    Path extra = dir.resolve(EXTRA);
                    if (Files.exists(extra)) {
                        byte[] b = Files.readAllBytes(extra);
                        e.extra = XenopsJson.read(b, Vm.class);
                        e.written.put(EXTRA, b);
                    }
                    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                        for (Path f : files) {
                            loadDevice(e, f);
                        }
                    }
                    vms.put(id, e);
                } catch (IOException | RuntimeException ex) {
                    LOG.warn("ignoring unreadable VM metadata in {}: {}", dir, ex.toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void loadDevice(Entry e, Path f) throws IOException {
        String name = f.getFileName().toString();
        for (Kind<?> k : List.of(VBD, VIF, PCI, VGPU, VUSB)) {
            if (name.startsWith(k.prefix()) && !name.endsWith(".tmp")) {
                byte[] b = Files.readAllBytes(f);
                e.devices.put(name, XenopsJson.read(b, k.type()));
                e.written.put(name, b);
            }
        }
    }

    static void checkName(String what, String name) {
        if (name == null || name.isEmpty() || name.length() > 200 || name.equals(".") || name.equals("..")
                || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0 || name.endsWith(".tmp")) {
            throw XenopsException.internal("invalid " + what + " id: " + name);
        }
    }

    // VMs

    void putVm(Vm vm) {
        checkName("VM", vm.id());
        Entry e = vms.computeIfAbsent(vm.id(), id -> new Entry(root.resolve(id)));
        synchronized (e) {
            write(e, CONFIG, vm);
            e.vm = vm;
        }
    }

    Vm vm(String id) {
        Entry e = vms.get(id);
        return e == null ? null : e.vm;
    }

    Vm vmExn(String id) {
        Vm vm = vm(id);
        if (vm == null) {
            throw XenopsException.doesNotExist("VM", id);
        }
        return vm;
    }

    boolean exists(String id) {
        return vm(id) != null;
    }

    List<String> vmIds() {
        List<String> ids = new ArrayList<>(vms.keySet());
        ids.sort(Comparator.naturalOrder());
        return ids;
    }

    void removeVm(String id) {
        Entry e = vms.remove(id);
        if (e == null) {
            return;
        }
        synchronized (e) {
            try (Stream<Path> files = Files.list(e.dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
                Files.deleteIfExists(e.dir);
            } catch (NoSuchFileException ex) {
                // already gone
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }

    Vm extra(String id) {
        Entry e = vms.get(id);
        return e == null ? null : e.extra;
    }

    /** Records the configuration a domain runs with; unchanged configurations cost no write. */
    void putExtra(String id, Vm startedWith) {
        Entry e = entry(id);
        synchronized (e) {
            write(e, EXTRA, startedWith);
            e.extra = startedWith;
        }
    }

    private Entry entry(String id) {
        Entry e = vms.get(id);
        if (e == null) {
            throw XenopsException.doesNotExist("VM", id);
        }
        return e;
    }

    // devices

    private <T> void put(Kind<T> k, DeviceId id, T device) {
        checkName("device", id.device());
        Entry e = entry(id.vm());
        String name = k.prefix() + id.device();
        synchronized (e) {
            write(e, name, device);
            e.devices.put(name, device);
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T get(Kind<T> k, DeviceId id) {
        Entry e = vms.get(id.vm());
        return e == null ? null : (T) e.devices.get(k.prefix() + id.device());
    }

    private <T> T getExn(Kind<T> k, String what, DeviceId id) {
        T t = get(k, id);
        if (t == null) {
            throw XenopsException.doesNotExist(what, id.toString());
        }
        return t;
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> all(Kind<T> k, String vm) {
        Entry e = vms.get(vm);
        if (e == null) {
            return List.of();
        }
        List<T> out = new ArrayList<>();
        e.devices.forEach((name, d) -> {
            if (name.startsWith(k.prefix())) {
                out.add((T) d);
            }
        });
        return out;
    }

    private <T> boolean remove(Kind<T> k, DeviceId id) {
        Entry e = vms.get(id.vm());
        if (e == null) {
            return false;
        }
        String name = k.prefix() + id.device();
        synchronized (e) {
            if (e.devices.remove(name) == null) {
                return false;
            }
            e.written.remove(name);
            try {
                Files.deleteIfExists(e.dir.resolve(name));
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            return true;
        }
    }

    void putVbd(Vbd v) { put(VBD, v.id(), v); }
    Vbd vbd(DeviceId id) { return get(VBD, id); }
    Vbd vbdExn(DeviceId id) { return getExn(VBD, "VBD", id); }
    List<Vbd> vbds(String vm) { return all(VBD, vm); }
    boolean removeVbd(DeviceId id) { return remove(VBD, id); }

    void putVif(Vif v) { put(VIF, v.id(), v); }
    Vif vif(DeviceId id) { return get(VIF, id); }
    Vif vifExn(DeviceId id) { return getExn(VIF, "VIF", id); }
    List<Vif> vifs(String vm) { return all(VIF, vm); }
    boolean removeVif(DeviceId id) { return remove(VIF, id); }

    void putPci(Pci v) { put(PCI, v.id(), v); }
    Pci pci(DeviceId id) { return get(PCI, id); }
    Pci pciExn(DeviceId id) { return getExn(PCI, "PCI", id); }
    List<Pci> pcis(String vm) { return all(PCI, vm); }
    boolean removePci(DeviceId id) { return remove(PCI, id); }

    void putVgpu(Vgpu v) { put(VGPU, v.id(), v); }
    Vgpu vgpu(DeviceId id) { return get(VGPU, id); }
    Vgpu vgpuExn(DeviceId id) { return getExn(VGPU, "VGPU", id); }
    List<Vgpu> vgpus(String vm) { return all(VGPU, vm); }
    boolean removeVgpu(DeviceId id) { return remove(VGPU, id); }

    void putVusb(Vusb v) { put(VUSB, v.id(), v); }
    Vusb vusb(DeviceId id) { return get(VUSB, id); }
    Vusb vusbExn(DeviceId id) { return getExn(VUSB, "VUSB", id); }
    List<Vusb> vusbs(String vm) { return all(VUSB, vm); }
    boolean removeVusb(DeviceId id) { return remove(VUSB, id); }

    // files

    private void write(Entry e, String name, Object value) {
        byte[] bytes = XenopsJson.write(value);
        byte[] old = e.written.get(name);
        if (old != null && Arrays.equals(old, bytes)) {
            return;
        }
        try {
            Files.createDirectories(e.dir);
            writeAtomically(e.dir.resolve(name), bytes, fsync);
        } catch (IOException ex) {
            throw XenopsException.of(org.jxapi.xenops.api.XenopsErrorCode.IO_ERROR);
        }
        e.written.put(name, bytes);
    }

    /** Writes {@code file} so that readers see the old or the new content, never a mix. */
    static void writeAtomically(Path file, byte[] bytes, boolean fsync) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                c.write(b);
            }
            if (fsync) {
                c.force(true);
            }
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException ex) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
