package org.jxapi.sm.file.impl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jxapi.sm.support.Json;
import org.jxapi.storage.api.Backend;
import org.jxapi.storage.api.Implementation;
import org.jxapi.storage.api.Probe;
import org.jxapi.storage.api.ProbeResult;
import org.jxapi.storage.api.ProgressListener;
import org.jxapi.storage.api.SrHealth;
import org.jxapi.storage.api.SrInfo;
import org.jxapi.storage.api.VdiInfo;
import org.jxapi.storage.spi.Capability;
import org.jxapi.storage.spi.ConfigKey;
import org.jxapi.storage.spi.DriverInfo;
import org.jxapi.storage.spi.SmError;
import org.jxapi.storage.spi.SmErrorCode;
import org.jxapi.storage.spi.SrContext;
import org.jxapi.storage.spi.SrDriver;
import org.jxapi.storage.spi.propertytypes.SrType;
import org.jxapi.xenapi.model.ErrorCodes;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SR type {@code file}: an SR is a directory (device-config key {@code location}) holding qcow2
 * or raw images, each with a JSON sidecar of its metadata, so that the SR describes itself
 * whatever happens to the toolstack. Snapshots and clones are backing chains made in
 * milliseconds; destroyed VDIs others depend on are coalesced away; scans adopt images copied in
 * by hand. Needs qemu-img (Debian qemu-utils).
 */
@Component(service = SrDriver.class, configurationPid = "org.jxapi.sm.file")
@SrType("file")
@Designate(ocd = FileSrConfig.class)
public class FileSrDriver implements SrDriver {
    private static final Logger LOG = LoggerFactory.getLogger(FileSrDriver.class);
    static final String LOCATION = "location";

    private final QemuImg qemu;
    private final long maxSize;
    private final int maxChain;
    private final String defaultFormat;
    private final Map<String, FileSr> attached = new ConcurrentHashMap<>();

    @Activate
    public FileSrDriver(FileSrConfig config) {
        this(new QemuImg(Path.of(config.qemu_img()), Duration.ofSeconds(config.quick_timeout_seconds()),
                Duration.ofSeconds(config.data_timeout_seconds())), config.vdi_max_size(), config.max_chain_length(),
                config.image_format());
    }

    FileSrDriver(QemuImg qemu, long maxSize, int maxChain, String defaultFormat) {
        this.qemu = qemu;
        this.maxSize = maxSize;
        this.maxChain = maxChain;
        this.defaultFormat = defaultFormat;
        if (!Files.isExecutable(qemu.exe())) {
            LOG.error("{} is missing: file SRs will fail until the Debian package qemu-utils is installed", qemu.exe());
        }
    }

    @Override
    public DriverInfo info() {
        return new DriverInfo("file", "SR of qcow2 and raw disk images in a local directory, managed with qemu-img",
                "jxapi", "Apache-2.0", "1.0",
                EnumSet.of(Capability.SR_PROBE, Capability.SR_SCAN, Capability.SR_UPDATE, Capability.VDI_CREATE,
                        Capability.VDI_DELETE, Capability.VDI_ATTACH, Capability.VDI_DETACH, Capability.VDI_ACTIVATE,
                        Capability.VDI_DEACTIVATE, Capability.VDI_RESIZE, Capability.VDI_CLONE,
                        Capability.VDI_SNAPSHOT, Capability.VDI_UPDATE, Capability.VDI_INTRODUCE,
                        Capability.VDI_RESET_ON_BOOT, Capability.THIN_PROVISIONING, Capability.LARGE_VDI,
                        Capability.VDI_DATA_STREAM),
                List.of(ConfigKey.required(LOCATION, "local directory path of the SR")));
    }

    private static Path dirOf(SrContext ctx) {
        Path p = Path.of(ctx.require(LOCATION, SmErrorCode.CONFIG_LOCATION_MISSING));
        if (!p.isAbsolute()) {
            throw new SmError(SmErrorCode.CONFIG_LOCATION_MISSING, "location must be an absolute path: " + p);
        }
        return p;
    }

    FileSr sr(SrContext ctx) {
        FileSr sr = attached.get(ctx.sr());
        if (sr == null) {
            throw ErrorCodes.SR_NOT_ATTACHED.error(ctx.sr());
        }
        return sr;
    }

    // ---- SR

    @Override
    public Map<String, String> srCreate(SrContext ctx, String nameLabel, String nameDescription, long physicalSize) {
        Path dir = dirOf(ctx);
        boolean made = false;
        try {
            if (Files.exists(dir)) {
                if (!Files.isDirectory(dir)) {
                    throw new SmError(SmErrorCode.FILE_SR_CREATE, dir + " is not a directory");
                }
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                    if (ds.iterator().hasNext()) {
                        throw new SmError(SmErrorCode.SR_EXISTS, dir + " is not empty");
                    }
                }
            } else {
                Files.createDirectories(dir);
                made = true;
            }
            Map<String, Object> sr = new LinkedHashMap<>();
            sr.put("uuid", ctx.sr());
            sr.put("name_label", nameLabel);
            sr.put("name_description", nameDescription);
            sr.put("layout", "jxapi-file-sr/1");
            new MetaStore(dir).saveSr(sr);
            return ctx.deviceConfig();
        } catch (IOException | RuntimeException e) {
            if (made) {
                try {
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // Nothing else was written to it.
                }
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new SmError(SmErrorCode.FILE_SR_CREATE, dir + ": " + e.getMessage());
        }
    }

    @Override
    public void srAttach(SrContext ctx) {
        Path dir = dirOf(ctx);
        if (!Files.isDirectory(dir)) {
            throw new SmError(SmErrorCode.SR_UNAVAILABLE, dir + " is not a directory");
        }
        MetaStore store = new MetaStore(dir);
        Map<String, Object> meta = store.loadSr();
        if (meta == null) {
            throw new SmError(SmErrorCode.SR_UNAVAILABLE, dir + " holds no file SR (no " + MetaStore.SR_FILE + ")");
        }
        String owner = Json.str(meta, "uuid");
        if (!owner.equals(ctx.sr())) {
            throw new SmError(SmErrorCode.SR_UNAVAILABLE, dir + " holds SR " + owner + ", not " + ctx.sr());
        }
        FileSr sr = new FileSr(ctx.sr(), dir, qemu, maxSize, maxChain, defaultFormat);
        new Chains(sr).recover();
        sr.gcAll();
        attached.put(ctx.sr(), sr);
    }

    @Override
    public void srDetach(SrContext ctx) {
        attached.remove(ctx.sr());
    }

    @Override
    public void srDestroy(SrContext ctx) {
        FileSr sr = sr(ctx);
        sr.locked(() -> {
            List<VdiMeta> all = sr.store.all();
            if (all.stream().anyMatch(m -> !m.hidden)) {
                throw new SmError(SmErrorCode.SR_NOT_EMPTY, "");
            }
            for (VdiMeta m : all) {
                MetaStore.deleteQuietly(sr.store.image(m));
                sr.store.delete(m.location);
            }
            MetaStore.deleteQuietly(sr.dir().resolve(MetaStore.SR_FILE));
            try {
                Files.deleteIfExists(sr.dir());
            } catch (IOException e) {
                LOG.info("SR {}: directory {} kept: {}", ctx.sr(), sr.dir(), e.toString());
            }
        });
        attached.remove(ctx.sr());
    }

    @Override
    public List<VdiInfo> srScan(SrContext ctx) {
        return sr(ctx).scan();
    }

    @Override
    public SrInfo srStat(SrContext ctx) {
        FileSr sr = sr(ctx);
        Map<String, Object> meta = sr.store.loadSr();
        if (meta == null) {
            throw new SmError(SmErrorCode.SR_UNAVAILABLE, sr.dir() + " lost its " + MetaStore.SR_FILE);
        }
        long used = sr.locked(() -> sr.store.all().stream().mapToLong(sr::physical).sum());
        try {
            FileStore fs = Files.getFileStore(sr.dir());
            return new SrInfo(ctx.sr(), Json.str(meta, "name_label"), Json.str(meta, "name_description"),
                    fs.getTotalSpace(), fs.getUsableSpace(), used, false, SrHealth.HEALTHY);
        } catch (IOException e) {
            throw new SmError(SmErrorCode.SR_UNAVAILABLE, e.getMessage());
        }
    }

    @Override
    public ProbeResult srProbe(SrContext ctx, Map<String, String> smConfig) {
        Path dir = dirOf(ctx);
        Map<String, Object> meta = Files.isDirectory(dir) ? new MetaStore(dir).loadSr() : null;
        SrInfo found = meta == null ? null : new SrInfo(Json.str(meta, "uuid"), Json.str(meta, "name_label"),
                Json.str(meta, "name_description"), 0, 0, 0, false, SrHealth.HEALTHY);
        return new ProbeResult.Probes(List.of(new Probe(Map.of(LOCATION, dir.toString()), true, found, Map.of())));
    }

    private void updateSr(SrContext ctx, String key, String value) {
        FileSr sr = sr(ctx);
        sr.locked(() -> {
            Map<String, Object> meta = new LinkedHashMap<>(sr.store.loadSr());
            meta.put(key, value);
            sr.store.saveSr(meta);
        });
    }

    @Override
    public void srSetNameLabel(SrContext ctx, String nameLabel) {
        updateSr(ctx, "name_label", nameLabel);
    }

    @Override
    public void srSetNameDescription(SrContext ctx, String nameDescription) {
        updateSr(ctx, "name_description", nameDescription);
    }

    // ---- VDI

    @Override
    public VdiInfo vdiCreate(SrContext ctx, VdiInfo info) {
        return sr(ctx).create(info);
    }

    @Override
    public void vdiDestroy(SrContext ctx, String vdi) {
        sr(ctx).destroy(vdi);
    }

    @Override
    public VdiInfo vdiSnapshot(SrContext ctx, VdiInfo info) {
        return new Chains(sr(ctx)).snapshot(info);
    }

    @Override
    public VdiInfo vdiClone(SrContext ctx, VdiInfo info) {
        return new Chains(sr(ctx)).clone(info);
    }

    @Override
    public long vdiResize(SrContext ctx, String vdi, long newSize) {
        return sr(ctx).resize(vdi, newSize);
    }

    @Override
    public VdiInfo vdiStat(SrContext ctx, String vdi) {
        return sr(ctx).stat(vdi);
    }

    @Override
    public VdiInfo vdiIntroduce(SrContext ctx, String uuid, Map<String, String> smConfig, String location) {
        return sr(ctx).introduce(uuid, location);
    }

    @Override
    public void vdiSetNameLabel(SrContext ctx, String vdi, String nameLabel) {
        sr(ctx).update(vdi, m -> m.nameLabel = nameLabel);
    }

    @Override
    public void vdiSetNameDescription(SrContext ctx, String vdi, String nameDescription) {
        sr(ctx).update(vdi, m -> m.nameDescription = nameDescription);
    }

    @Override
    public void vdiSetContentId(SrContext ctx, String vdi, String contentId) {
        sr(ctx).update(vdi, m -> m.contentId = contentId);
    }

    @Override
    public void vdiSetSmConfig(SrContext ctx, String vdi, Map<String, String> smConfig) {
        sr(ctx).update(vdi, m -> {
            m.smConfig = new LinkedHashMap<>(smConfig);
            m.smConfig.remove("image-format");
        });
    }

    @Override
    public void vdiSetPersistent(SrContext ctx, String vdi, boolean persistent) {
        sr(ctx).update(vdi, m -> m.persistent = persistent);
    }

    @Override
    public void vdiEpochBegin(SrContext ctx, String vdi, String vm, boolean persistent) {
        new Chains(sr(ctx)).epochBegin(vdi, persistent);
    }

    @Override
    public Backend vdiAttach(SrContext ctx, String vdi, String vm, boolean readWrite) {
        FileSr sr = sr(ctx);
        Path image = sr.attach(vdi, readWrite);
        String format = sr.locked(() -> sr.visible(vdi).format);
        return Backend.of(new Implementation.File(image.toString(), format));
    }

    @Override
    public void vdiDetach(SrContext ctx, String vdi, String vm) {
        sr(ctx).detach(vdi);
    }

    @Override
    public void vdiExport(SrContext ctx, String vdi, OutputStream out, ProgressListener progress) {
        Transfers.export(sr(ctx), vdi, out, progress);
    }

    @Override
    public void vdiImport(SrContext ctx, String vdi, InputStream in, ProgressListener progress) {
        Transfers.importRaw(sr(ctx), vdi, in, progress);
    }

    @Override
    public void vdiCopy(SrContext src, String vdi, SrContext dest, String destVdi, ProgressListener progress) {
        Transfers.copy(sr(src), vdi, sr(dest), destVdi, progress);
    }

    /** How many images make up the VDI's chain, itself included (for tests and diagnostics). */
    int chainLength(SrContext ctx, String vdi) {
        FileSr sr = sr(ctx);
        return sr.locked(() -> sr.depth(sr.visible(vdi)));
    }
}
