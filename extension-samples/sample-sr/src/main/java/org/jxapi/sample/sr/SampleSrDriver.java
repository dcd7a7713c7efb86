package org.jxapi.sample.sr;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jxapi.sm.support.SidecarFile;
import org.jxapi.sm.support.VdiSidecar;
import org.jxapi.storage.api.Backend;
import org.jxapi.storage.api.Implementation;
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

/**
 * A sample SR driver: SR type {@code sample}. An SR is a directory (device-config
 * {@code location}); a VDI is a sparse raw file {@code <uuid>.img} with its metadata in
 * {@code <uuid>.json} beside it, so the SR describes itself without the toolstack. The sidecar
 * is the SR drivers' shared format (org.jxapi.sm.support, embedded privately).
 * Registering this component with {@code @SrType("sample")} is all it takes: the storage
 * multiplexer picks it up, and when the bundle goes, the SRs of this type are unplugged.
 */
@Component(service = SrDriver.class, configurationPid = "org.jxapi.sample.sr")
@SrType("sample")
@Designate(ocd = SampleSrConfig.class)
public class SampleSrDriver implements SrDriver {
    private final long maxSize;
    private final Map<String, Path> attached = new ConcurrentHashMap<>();

    @Activate
    public SampleSrDriver(SampleSrConfig config) {
        this(config.max_vdi_size());
    }

    SampleSrDriver(long maxSize) {
        this.maxSize = maxSize;
    }

    @Override
    public DriverInfo info() {
        return new DriverInfo("sample", "Sample SR: raw sparse files in a directory", "jxapi samples", "Apache-2.0",
                "1.0", EnumSet.of(Capability.SR_SCAN, Capability.VDI_CREATE, Capability.VDI_DELETE,
                        Capability.VDI_ATTACH, Capability.VDI_DETACH, Capability.VDI_RESIZE),
                List.of(ConfigKey.required("location", "absolute path of the SR's directory")));
    }

    // ---- SRs

    private static Path location(SrContext ctx) {
        return Path.of(ctx.require("location", SmErrorCode.CONFIG_LOCATION_MISSING)).toAbsolutePath();
    }

    private Path dir(SrContext ctx) {
        Path dir = attached.get(ctx.sr());
        if (dir == null) {
            throw ErrorCodes.SR_NOT_ATTACHED.error(ctx.sr());
        }
        return dir;
    }

    @Override
    public Map<String, String> srCreate(SrContext ctx, String nameLabel, String nameDescription, long physicalSize) {
        try {
            Files.createDirectories(location(ctx));
        } catch (IOException e) {
            throw new SmError(SmErrorCode.FILE_SR_CREATE, e.getMessage());
        }
        return ctx.deviceConfig();
    }

    @Override
    public void srAttach(SrContext ctx) {
        Path dir = location(ctx);
        if (!Files.isDirectory(dir)) {
            throw new SmError(SmErrorCode.SR_UNAVAILABLE, dir.toString());
        }
        attached.put(ctx.sr(), dir);
    }

    @Override
    public void srDetach(SrContext ctx) {
        attached.remove(ctx.sr());
    }

    @Override
    public List<VdiInfo> srScan(SrContext ctx) {
        // VDIs of an SR made by an earlier version have only <uuid>.properties until first read.
        Set<String> vdis = new TreeSet<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir(ctx), "*.{json,properties}")) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (!name.startsWith(".")) {
                    vdis.add(name.substring(0, name.lastIndexOf('.')));
                }
            }
        } catch (IOException e) {
            throw new SmError(SmErrorCode.SR_SCAN, e.getMessage());
        }
        List<VdiInfo> all = new ArrayList<>();
        for (String vdi : vdis) {
            all.add(read(ctx, vdi));
        }
        return all;
    }

    @Override
    public SrInfo srStat(SrContext ctx) {
        try {
            FileStore fs = Files.getFileStore(dir(ctx));
            return new SrInfo(ctx.sr(), "", "", fs.getTotalSpace(), fs.getUsableSpace(), 0, false, SrHealth.HEALTHY);
        } catch (IOException e) {
            throw new SmError(SmErrorCode.SR_UNAVAILABLE, e.getMessage());
        }
    }

    // ---- VDIs: each one is <uuid>.img plus its sidecar <uuid>.json

    /** The sidecar in the SR drivers' one format (JSON, XenAPI field names), written atomically. */
    private SidecarFile<VdiSidecar> sidecar(SrContext ctx, String vdi) {
        return SidecarFile.of(dir(ctx).resolve(vdi + ".json"), VdiSidecar.class, false);
    }

    private VdiInfo read(SrContext ctx, String vdi) {
        try {
            return sidecar(ctx, vdi).migrating(dir(ctx).resolve(vdi + ".properties"), SampleSrDriver::readProperties)
                    .orElseThrow(() -> SmError.vdiMissing(vdi)).toInfo(vdi).toBuilder().uuid(vdi).build();
        } catch (IOException e) {
            throw new SmError(SmErrorCode.VDI_LOAD, e.getMessage());
        }
    }

    /** The sidecar of earlier versions, converted on first read so that the VDI keeps its name. */
    private static VdiSidecar readProperties(Path legacy) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(legacy)) {
            p.load(in);
        }
        return VdiSidecar.of(VdiInfo.builder().nameLabel(p.getProperty("name_label", ""))
                .nameDescription(p.getProperty("name_description", "")).type(p.getProperty("type", "user"))
                .contentId(p.getProperty("content_id", "")).virtualSize(Long.parseLong(p.getProperty("size", "0")))
                .build());
    }

    /** Keeps what this driver has always kept: names, type, content id and size. */
    private void write(SrContext ctx, VdiInfo v) {
        try {
            sidecar(ctx, v.vdi()).save(VdiSidecar.of(VdiInfo.builder().uuid(v.vdi()).nameLabel(v.nameLabel())
                    .nameDescription(v.nameDescription()).type(v.type()).contentId(v.contentId())
                    .virtualSize(v.virtualSize()).build()));
        } catch (IOException e) {
            throw new SmError(SmErrorCode.EIO, e.getMessage());
        }
    }

    private void setLength(Path image, long size) {
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(size);
        } catch (IOException e) {
            throw new SmError(SmErrorCode.VDI_CREATE, e.getMessage());
        }
    }

    @Override
    public VdiInfo vdiCreate(SrContext ctx, VdiInfo info) {
        if (info.virtualSize() < 0 || info.virtualSize() > maxSize) {
            throw new SmError(SmErrorCode.VDI_SIZE, "VDI size must be between 0 and " + maxSize + " bytes");
        }
        String id = UUID.randomUUID().toString();
        VdiInfo v = info.toBuilder().vdi(id).uuid(id).contentId(UUID.randomUUID().toString()).build();
        setLength(dir(ctx).resolve(id + ".img"), v.virtualSize());
        write(ctx, v);
        return v;
    }

    @Override
    public void vdiDestroy(SrContext ctx, String vdi) {
        read(ctx, vdi);
        try {
            Files.deleteIfExists(dir(ctx).resolve(vdi + ".json"));
            Files.deleteIfExists(dir(ctx).resolve(vdi + ".properties"));
            Files.deleteIfExists(dir(ctx).resolve(vdi + ".img"));
        } catch (IOException e) {
            throw new SmError(SmErrorCode.VDI_REMOVE, e.getMessage());
        }
    }

    @Override
    public long vdiResize(SrContext ctx, String vdi, long newSize) {
        VdiInfo v = read(ctx, vdi);
        if (newSize < v.virtualSize() || newSize > maxSize) {
            throw new SmError(SmErrorCode.VDI_SIZE, "cannot resize " + vdi + " to " + newSize);
        }
        setLength(dir(ctx).resolve(vdi + ".img"), newSize);
        write(ctx, v.toBuilder().virtualSize(newSize).build());
        return newSize;
    }

    @Override
    public VdiInfo vdiStat(SrContext ctx, String vdi) {
        return read(ctx, vdi);
    }

    @Override
    public void vdiSetNameLabel(SrContext ctx, String vdi, String nameLabel) {
        write(ctx, read(ctx, vdi).toBuilder().nameLabel(nameLabel).build());
    }

    @Override
    public void vdiSetNameDescription(SrContext ctx, String vdi, String nameDescription) {
        write(ctx, read(ctx, vdi).toBuilder().nameDescription(nameDescription).build());
    }

    @Override
    public void vdiSetContentId(SrContext ctx, String vdi, String contentId) {
        write(ctx, read(ctx, vdi).toBuilder().contentId(contentId).build());
    }

    @Override
    public Backend vdiAttach(SrContext ctx, String vdi, String vm, boolean readWrite) {
        read(ctx, vdi);
        return Backend.of(new Implementation.File(dir(ctx).resolve(vdi + ".img").toString(), "raw"));
    }
}
