package org.jxapi.storage.spi;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

import org.jxapi.storage.api.Backend;
import org.jxapi.storage.api.ProbeResult;
import org.jxapi.storage.api.ProgressListener;
import org.jxapi.storage.api.SrInfo;
import org.jxapi.storage.api.VdiInfo;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A storage driver: one SR type, registered as a service with the property {@code sr.type}
 * (use {@link org.jxapi.storage.spi.propertytypes.SrType}). The storage multiplexer calls it
 * for every SR of that type; it serialises calls on one VDI, calls the VDI attach family only
 * when the VDI's state as a whole changes, and checks {@link DriverInfo#capabilities()} before
 * calling an optional operation, whose default answers "unimplemented".
 *
 * <p>Failures are {@link SmError}s (turned into {@code SR_BACKEND_FAILURE_<n>} and friends) or
 * {@link org.jxapi.xenapi.model.XenApiException}s, passed on as they are. Metadata (names,
 * sm_config, snapshot relations) must survive a toolstack restart and the driver's own removal:
 * keep it in the SR itself.
 */
@ConsumerType
public interface SrDriver {

    /** Name, capabilities and device-config keys: the SM object of this SR type. */
    DriverInfo info();

    // ---- SR

    /** Creates a fresh SR where {@code ctx.deviceConfig()} says; returns the device config to keep. */
    default Map<String, String> srCreate(SrContext ctx, String nameLabel, String nameDescription, long physicalSize) {
        throw SmError.unimplemented("SR.create");
    }

    /** Makes the SR usable on this host. */
    void srAttach(SrContext ctx);

    /** The multiplexer has detached every VDI of the SR before this call. */
    void srDetach(SrContext ctx);

    /** Destroys an attached SR and what it holds; {@code SR_NOT_EMPTY} (SM code 39) if VDIs remain. */
    default void srDestroy(SrContext ctx) {
        throw SmError.unimplemented("SR.destroy");
    }

    /** Every VDI of the SR, including those added behind the toolstack's back. */
    List<VdiInfo> srScan(SrContext ctx);

    SrInfo srStat(SrContext ctx);

    /** Looks for SRs on the storage {@code ctx.deviceConfig()} names ({@code ctx.sr()} is empty). */
    default ProbeResult srProbe(SrContext ctx, Map<String, String> smConfig) {
        throw SmError.unimplemented("SR.probe");
    }

    default void srSetNameLabel(SrContext ctx, String nameLabel) {
    }

    default void srSetNameDescription(SrContext ctx, String nameDescription) {
    }

    // ---- VDI

    /**
     * Creates a VDI of at least {@code info.virtualSize()} bytes with {@code info}'s name, type
     * and sm_config; {@code info.vdi()} is empty and the driver picks the location.
     */
    default VdiInfo vdiCreate(SrContext ctx, VdiInfo info) {
        throw SmError.unimplemented("VDI.create");
    }

    default void vdiDestroy(SrContext ctx, String vdi) {
        throw SmError.unimplemented("VDI.destroy");
    }

    /** A read-only snapshot of {@code info.vdi()}; {@code info} carries the caller's sm_config. */
    default VdiInfo vdiSnapshot(SrContext ctx, VdiInfo info) {
        throw SmError.unimplemented("VDI.snapshot");
    }

    /** A writable clone of {@code info.vdi()}. */
    default VdiInfo vdiClone(SrContext ctx, VdiInfo info) {
        throw SmError.unimplemented("VDI.clone");
    }

    /** Grows the VDI to at least {@code newSize}; returns the new virtual size. */
    default long vdiResize(SrContext ctx, String vdi, long newSize) {
        throw SmError.unimplemented("VDI.resize");
    }

    /** What is known of one VDI; {@link SmError#vdiMissing} if there is none at {@code vdi}. */
    default VdiInfo vdiStat(SrContext ctx, String vdi) {
        return srScan(ctx).stream().filter(v -> v.vdi().equals(vdi)).findFirst()
                .orElseThrow(() -> SmError.vdiMissing(vdi));
    }

    /** Checks a VDI exists at {@code location}, adopting {@code uuid} if the driver stores UUIDs. */
    default VdiInfo vdiIntroduce(SrContext ctx, String uuid, Map<String, String> smConfig, String location) {
        throw SmError.unimplemented("VDI.introduce");
    }

    default void vdiSetNameLabel(SrContext ctx, String vdi, String nameLabel) {
        throw SmError.unimplemented("VDI.set_name_label");
    }

    default void vdiSetNameDescription(SrContext ctx, String vdi, String nameDescription) {
        throw SmError.unimplemented("VDI.set_name_description");
    }

    default void vdiSetContentId(SrContext ctx, String vdi, String contentId) {
        throw SmError.unimplemented("VDI.set_content_id");
    }

    /** Replaces the VDI's sm_config. */
    default void vdiSetSmConfig(SrContext ctx, String vdi, Map<String, String> smConfig) {
        throw SmError.unimplemented("VDI.set_sm_config");
    }

    default void vdiSetPersistent(SrContext ctx, String vdi, boolean persistent) {
    }

    /** A VM is starting with this VDI; a driver offering VDI_RESET_ON_BOOT resets it here if asked. */
    default void vdiEpochBegin(SrContext ctx, String vdi, String vm, boolean persistent) {
    }

    default void vdiEpochEnd(SrContext ctx, String vdi, String vm) {
    }

    /** Makes the VDI's data reachable; called once when the first datapath attaches. */
    default Backend vdiAttach(SrContext ctx, String vdi, String vm, boolean readWrite) {
        throw SmError.unimplemented("VDI.attach");
    }

    default void vdiActivate(SrContext ctx, String vdi, String vm, boolean readWrite) {
    }

    default void vdiDeactivate(SrContext ctx, String vdi, String vm) {
    }

    /** Called once the last datapath has detached. */
    default void vdiDetach(SrContext ctx, String vdi, String vm) {
    }

    // ---- data (capability VDI_DATA_STREAM)

    /** Writes the VDI's contents as a raw image of its virtual size. */
    default void vdiExport(SrContext ctx, String vdi, OutputStream out, ProgressListener progress) {
        throw SmError.unimplemented("VDI.export_raw");
    }

    /** Replaces the VDI's contents with the raw image read from {@code in}; keeps zeros sparse. */
    default void vdiImport(SrContext ctx, String vdi, InputStream in, ProgressListener progress) {
        throw SmError.unimplemented("VDI.import_raw");
    }

    /**
     * Copies VDI {@code vdi} of SR {@code src} into VDI {@code destVdi} of SR {@code dest}, both
     * served by this driver, without streaming every byte (e.g. skipping unallocated blocks).
     * The default says unimplemented, and the multiplexer then streams the raw image.
     */
    default void vdiCopy(SrContext src, String vdi, SrContext dest, String destVdi, ProgressListener progress) {
        throw SmError.unimplemented("DATA.copy");
    }
}
