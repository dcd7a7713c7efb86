package org.jxapi.sm.iso.impl;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jxapi.storage.api.Backend;
import org.jxapi.storage.api.Implementation;
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
import org.osgi.service.component.annotations.Component;

/**
 * SR type {@code iso}: an ISO library. Each {@code .iso} file of the directory named by
 * device-config {@code location} is a read-only VDI whose location is the file name, as in the
 * original. The driver never writes into the library (it may be a read-only share), so a VDI's
 * UUID is derived from the SR's UUID and the file name, and stays the same across restarts.
 */
@Component(service = SrDriver.class)
@SrType("iso")
public class IsoSrDriver implements SrDriver {
    static final String LOCATION = "location";
    private final Map<String, Path> attached = new ConcurrentHashMap<>();

    @Override
    public DriverInfo info() {
        return new DriverInfo("iso", "ISO library: read-only VDIs for the .iso files of a local directory", "jxapi",
                "Apache-2.0", "1.0",
                EnumSet.of(Capability.SR_SCAN, Capability.VDI_ATTACH, Capability.VDI_DETACH,
                        Capability.VDI_INTRODUCE, Capability.VDI_DATA_STREAM),
                List.of(ConfigKey.required(LOCATION, "local directory holding the .iso files")));
    }

    private static Path library(SrContext ctx) {
        Path p = Path.of(ctx.require(LOCATION, SmErrorCode.ISO_DCONF_MISSING_LOCATION));
        if (!p.isAbsolute() || !Files.isDirectory(p)) {
            throw new SmError(SmErrorCode.ISO_LOCAL_PATH, p.toString());
        }
        return p;
    }

    private Path dir(SrContext ctx) {
        Path p = attached.get(ctx.sr());
        if (p == null) {
            throw ErrorCodes.SR_NOT_ATTACHED.error(ctx.sr());
        }
        return p;
    }

    private static boolean isIso(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".iso") && !name.startsWith(".");
    }

    private static Path iso(Path dir, String vdi) {
        if (vdi == null || vdi.contains("/") || !isIso(vdi)) {
            throw SmError.vdiMissing(vdi);
        }
        Path p = dir.resolve(vdi);
        if (!Files.isRegularFile(p)) {
            throw SmError.vdiMissing(vdi);
        }
        return p;
    }

    private static VdiInfo info(String sr, Path file) {
        String name = file.getFileName().toString();
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            String uuid = UUID.nameUUIDFromBytes((sr + "/" + name).getBytes(StandardCharsets.UTF_8)).toString();
            String content = UUID.nameUUIDFromBytes((name + "/" + a.size() + "/" + a.lastModifiedTime().toMillis())
                    .getBytes(StandardCharsets.UTF_8)).toString();
            return VdiInfo.builder().vdi(name).uuid(uuid).contentId(content).nameLabel(name).readOnly(true)
                    .virtualSize(a.size()).physicalUtilisation(a.size()).build();
        } catch (IOException e) {
            throw SmError.vdiMissing(name);
        }
    }

    @Override
    public Map<String, String> srCreate(SrContext ctx, String nameLabel, String nameDescription, long physicalSize) {
        library(ctx);
        return ctx.deviceConfig();
    }

    @Override
    public void srAttach(SrContext ctx) {
        attached.put(ctx.sr(), library(ctx));
    }

    @Override
    public void srDetach(SrContext ctx) {
        attached.remove(ctx.sr());
    }

    @Override
    public List<VdiInfo> srScan(SrContext ctx) {
        Path dir = dir(ctx);
        List<VdiInfo> all = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (isIso(p.getFileName().toString()) && Files.isRegularFile(p)) {
                    all.add(info(ctx.sr(), p));
                }
            }
        } catch (IOException e) {
            throw new SmError(SmErrorCode.SR_SCAN, dir + ": " + e.getMessage());
        }
        all.sort(java.util.Comparator.comparing(VdiInfo::vdi));
        return all;
    }

    @Override
    public SrInfo srStat(SrContext ctx) {
        Path dir = dir(ctx);
        long used = srScan(ctx).stream().mapToLong(VdiInfo::physicalUtilisation).sum();
        try {
            FileStore fs = Files.getFileStore(dir);
            return new SrInfo(ctx.sr(), "", "", fs.getTotalSpace(), fs.getUsableSpace(), used, false, SrHealth.HEALTHY);
        } catch (IOException e) {
            throw new SmError(SmErrorCode.SR_UNAVAILABLE, e.getMessage());
        }
    }

    @Override
    public VdiInfo vdiStat(SrContext ctx, String vdi) {
        return info(ctx.sr(), iso(dir(ctx), vdi));
    }

    @Override
    public VdiInfo vdiIntroduce(SrContext ctx, String uuid, Map<String, String> smConfig, String location) {
        if (!isIso(location)) {
            throw new SmError(SmErrorCode.ISO_MUST_HAVE_ISO_EXTENSION, location);
        }
        Path dir = dir(ctx);
        if (location.contains("/") || !Files.isRegularFile(dir.resolve(location))) {
            throw ErrorCodes.VDI_LOCATION_MISSING.error(ctx.sr(), location);
        }
        return info(ctx.sr(), dir.resolve(location));
    }

    @Override
    public Backend vdiAttach(SrContext ctx, String vdi, String vm, boolean readWrite) {
        Path p = iso(dir(ctx), vdi);
        if (readWrite) {
            throw ErrorCodes.VDI_READONLY.error(vdi);
        }
        return Backend.of(new Implementation.File(p.toString(), "raw"));
    }

    @Override
    public void vdiExport(SrContext ctx, String vdi, OutputStream out, ProgressListener progress) {
        Path p = iso(dir(ctx), vdi);
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            long done = 0;
            int n;
            while ((n = ch.read(buf.clear())) > 0) {
                out.write(buf.array(), 0, n);
                done += n;
                progress.progress(done, size);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
