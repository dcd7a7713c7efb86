package org.jxapi.storage.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jxapi.storage.api.Backend;
import org.jxapi.storage.api.Implementation;
import org.jxapi.storage.api.ProgressListener;
import org.jxapi.storage.api.SrHealth;
import org.jxapi.storage.api.SrInfo;
import org.jxapi.storage.api.VdiInfo;

/**
 * An SR driver that keeps SRs and disk blocks in memory: the reference implementation the
 * contract runs against, and the driver the multiplexer's tests use. It enforces the real
 * preconditions (SR created before attach, sizes within the limit, VDIs that exist), records
 * every call in {@link #calls} and can be told to fail the next call of an operation.
 */
public class MemorySrDriver implements SrDriver {
    public static final int BLOCK = 64 * 1024;
    public final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<String, RuntimeException> failures = new ConcurrentHashMap<>();
    private final Map<String, MemSr> srs = new ConcurrentHashMap<>();
    private final long maxVdiSize;
    private final String name;

    public MemorySrDriver() {
        this("memory", 1L << 40);
    }

    public MemorySrDriver(String name, long maxVdiSize) {
        this.name = name;
        this.maxVdiSize = maxVdiSize;
    }

    /** The next call of {@code op} ("VDI.attach", "SR.create"...) throws {@code e}. */
    public void failNext(String op, RuntimeException e) {
        failures.put(op, e);
    }

    private void enter(String op, String detail) {
        calls.add(op + " " + detail);
        RuntimeException e = failures.remove(op);
        if (e != null) {
            throw e;
        }
    }

    private static final class MemSr {
        final Map<String, VdiInfo> vdis = new LinkedHashMap<>();
        final Map<String, TreeMap<Long, byte[]>> data = new LinkedHashMap<>();
        String nameLabel;
        boolean attached;
    }

    private MemSr sr(SrContext ctx) {
        MemSr s = srs.get(ctx.sr());
        if (s == null || !s.attached) {
            throw new SmError(SmErrorCode.SR_UNAVAILABLE, ctx.sr());
        }
        return s;
    }

    private static VdiInfo vdi(MemSr s, String vdi) {
        VdiInfo v = s.vdis.get(vdi);
        if (v == null) {
            throw SmError.vdiMissing(vdi);
        }
        return v;
    }

    @Override
    public DriverInfo info() {
        return new DriverInfo(name, "SRs kept in memory, for tests", "jxapi", "Apache-2.0", "1.0",
                EnumSet.complementOf(EnumSet.of(Capability.SR_PROBE, Capability.VDI_MIRROR)),
                List.of(ConfigKey.required("location", "any text naming the SR")));
    }

    @Override
    public synchronized Map<String, String> srCreate(SrContext ctx, String nameLabel, String nameDescription,
            long physicalSize) {
        enter("SR.create", ctx.sr());
        ctx.require("location", SmErrorCode.CONFIG_LOCATION_MISSING);
        if (srs.containsKey(ctx.sr())) {
            throw new SmError(SmErrorCode.SR_EXISTS, ctx.sr());
        }
        MemSr s = new MemSr();
        s.nameLabel = nameLabel;
        srs.put(ctx.sr(), s);
        return ctx.deviceConfig();
    }

    @Override
    public synchronized void srAttach(SrContext ctx) {
        enter("SR.attach", ctx.sr());
        MemSr s = srs.get(ctx.sr());
        if (s == null) {
            throw new SmError(SmErrorCode.SR_UNAVAILABLE, "no SR " + ctx.sr());
        }
        s.attached = true;
    }

    @Override
    public synchronized void srDetach(SrContext ctx) {
        enter("SR.detach", ctx.sr());
        MemSr s = srs.get(ctx.sr());
        if (s != null) {
            s.attached = false;
        }
    }

    @Override
    public synchronized void srDestroy(SrContext ctx) {
        enter("SR.destroy", ctx.sr());
        if (!sr(ctx).vdis.isEmpty()) {
            throw new SmError(SmErrorCode.SR_NOT_EMPTY, "");
        }
        srs.remove(ctx.sr());
    }

    @Override
    public synchronized List<VdiInfo> srScan(SrContext ctx) {
        enter("SR.scan", ctx.sr());
        return new ArrayList<>(sr(ctx).vdis.values());
    }

    @Override
    public synchronized SrInfo srStat(SrContext ctx) {
        MemSr s = sr(ctx);
        long used = s.data.values().stream().mapToLong(m -> (long) m.size() * BLOCK).sum();
        return new SrInfo(ctx.sr(), s.nameLabel, "", 1L << 40, (1L << 40) - used, used, false, SrHealth.HEALTHY);
    }

    @Override
    public synchronized void srSetNameLabel(SrContext ctx, String nameLabel) {
        sr(ctx).nameLabel = nameLabel;
    }

    @Override
    public synchronized VdiInfo vdiCreate(SrContext ctx, VdiInfo info) {
        enter("VDI.create", ctx.sr());
        MemSr s = sr(ctx);
        if (info.virtualSize() < 0 || info.virtualSize() > maxVdiSize) {
            throw new SmError(SmErrorCode.VDI_SIZE, "size must be between 0 and " + maxVdiSize);
        }
        String id = UUID.randomUUID().toString();
        VdiInfo v = info.toBuilder().vdi(id).uuid(id).contentId(UUID.randomUUID().toString())
                .virtualSize(info.virtualSize()).physicalUtilisation(0).build();
        s.vdis.put(id, v);
        s.data.put(id, new TreeMap<>());
        return v;
    }

    @Override
    public synchronized void vdiDestroy(SrContext ctx, String vdi) {
        enter("VDI.destroy", vdi);
        MemSr s = sr(ctx);
        vdi(s, vdi);
        s.vdis.remove(vdi);
        s.data.remove(vdi);
    }

    private VdiInfo copyOf(SrContext ctx, VdiInfo info, boolean snapshot) {
        MemSr s = sr(ctx);
        VdiInfo src = vdi(s, info.vdi());
        String id = UUID.randomUUID().toString();
        VdiInfo.Builder b = src.toBuilder().vdi(id).uuid(id).readOnly(snapshot).isASnapshot(snapshot);
        if (snapshot) {
            b.snapshotOf(src.vdi()).snapshotTime(Instant.now());
        }
        VdiInfo v = b.build();
        s.vdis.put(id, v);
        TreeMap<Long, byte[]> blocks = new TreeMap<>();
        s.data.get(src.vdi()).forEach((k, d) -> blocks.put(k, d.clone()));
        s.data.put(id, blocks);
        return v;
    }

    @Override
    public synchronized VdiInfo vdiSnapshot(SrContext ctx, VdiInfo info) {
        enter("VDI.snapshot", info.vdi());
        return copyOf(ctx, info, true);
    }

    @Override
    public synchronized VdiInfo vdiClone(SrContext ctx, VdiInfo info) {
        enter("VDI.clone", info.vdi());
        return copyOf(ctx, info, false);
    }

    @Override
    public synchronized long vdiResize(SrContext ctx, String vdi, long newSize) {
        enter("VDI.resize", vdi);
        MemSr s = sr(ctx);
        VdiInfo v = vdi(s, vdi);
        if (newSize < v.virtualSize() || newSize > maxVdiSize) {
            throw new SmError(SmErrorCode.VDI_SIZE, "cannot resize to " + newSize);
        }
        s.vdis.put(vdi, v.toBuilder().virtualSize(newSize).build());
        return newSize;
    }

    @Override
    public synchronized VdiInfo vdiStat(SrContext ctx, String vdi) {
        return vdi(sr(ctx), vdi);
    }

    @Override
    public synchronized VdiInfo vdiIntroduce(SrContext ctx, String uuid, Map<String, String> smConfig,
            String location) {
        return vdi(sr(ctx), location);
    }

    private void update(SrContext ctx, String vdi, java.util.function.UnaryOperator<VdiInfo.Builder> f) {
        MemSr s = sr(ctx);
        s.vdis.put(vdi, f.apply(vdi(s, vdi).toBuilder()).build());
    }

    @Override
    public synchronized void vdiSetNameLabel(SrContext ctx, String vdi, String nameLabel) {
        update(ctx, vdi, b -> b.nameLabel(nameLabel));
    }

    @Override
    public synchronized void vdiSetNameDescription(SrContext ctx, String vdi, String nameDescription) {
        update(ctx, vdi, b -> b.nameDescription(nameDescription));
    }

    @Override
    public synchronized void vdiSetContentId(SrContext ctx, String vdi, String contentId) {
        enter("VDI.set_content_id", vdi);
        update(ctx, vdi, b -> b.contentId(contentId));
    }

    @Override
    public synchronized void vdiSetSmConfig(SrContext ctx, String vdi, Map<String, String> smConfig) {
        update(ctx, vdi, b -> b.smConfig(smConfig));
    }

    @Override
    public synchronized void vdiSetPersistent(SrContext ctx, String vdi, boolean persistent) {
        update(ctx, vdi, b -> b.persistent(persistent));
    }

    @Override
    public synchronized Backend vdiAttach(SrContext ctx, String vdi, String vm, boolean readWrite) {
        enter("VDI.attach", vdi + (readWrite ? " RW" : " RO"));
        VdiInfo v = vdi(sr(ctx), vdi);
        if (readWrite && v.readOnly()) {
            throw new SmError(SmErrorCode.VDI_UNAVAILABLE, vdi + " is read-only");
        }
        return Backend.of(new Implementation.File("/memory/" + ctx.sr() + "/" + vdi, "raw"));
    }

    @Override
    public synchronized void vdiActivate(SrContext ctx, String vdi, String vm, boolean readWrite) {
        enter("VDI.activate", vdi + (readWrite ? " RW" : " RO"));
        vdi(sr(ctx), vdi);
    }

    @Override
    public synchronized void vdiDeactivate(SrContext ctx, String vdi, String vm) {
        enter("VDI.deactivate", vdi);
    }

    @Override
    public synchronized void vdiDetach(SrContext ctx, String vdi, String vm) {
        enter("VDI.detach", vdi);
    }

    @Override
    public void vdiExport(SrContext ctx, String vdi, OutputStream out, ProgressListener progress) {
        TreeMap<Long, byte[]> blocks;
        long size;
        synchronized (this) {
            enter("VDI.export", vdi);
            MemSr s = sr(ctx);
            size = vdi(s, vdi).virtualSize();
            blocks = new TreeMap<>(s.data.get(vdi));
        }
        byte[] zero = new byte[BLOCK];
        try {
            for (long off = 0; off < size; off += BLOCK) {
                byte[] b = blocks.getOrDefault(off / BLOCK, zero);
                out.write(b, 0, (int) Math.min(BLOCK, size - off));
                progress.progress(Math.min(size, off + BLOCK), size);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void vdiImport(SrContext ctx, String vdi, InputStream in, ProgressListener progress) {
        long size;
        synchronized (this) {
            enter("VDI.import", vdi);
            size = vdi(sr(ctx), vdi).virtualSize();
        }
        TreeMap<Long, byte[]> blocks = new TreeMap<>();
        try {
            long off = 0;
            while (off < size) {
                byte[] b = in.readNBytes((int) Math.min(BLOCK, size - off));
                if (b.length == 0) {
                    break;
                }
                if (!isZero(b)) {
                    blocks.put(off / BLOCK, Arrays.copyOf(b, BLOCK));
                }
                off += b.length;
                progress.progress(off, size);
                if (Thread.currentThread().isInterrupted()) {
                    throw new SmError(SmErrorCode.EIO, "import interrupted");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (this) {
            sr(ctx).data.put(vdi, blocks);
        }
    }

    /** The number of non-zero blocks a VDI holds. */
    public synchronized int allocatedBlocks(String sr, String vdi) {
        return srs.get(sr).data.get(vdi).size();
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
