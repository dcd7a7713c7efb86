package org.jxapi.storage.api;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The storage service the toolstack calls: the original's SMAPIv2 interface, served by the storage
 * multiplexer, which routes each call to the driver of the SR's type. Every call takes
 * {@code dbg}, a free text naming the caller's task for the logs. SRs are named by UUID, VDIs by
 * their location inside their SR. Failures are {@link org.jxapi.xenapi.model.XenApiException}s
 * with the original's XenAPI codes: {@code SR_UNKNOWN_DRIVER}, {@code SR_NOT_ATTACHED},
 * {@code VDI_MISSING}, {@code VDI_IN_USE}, {@code SR_OPERATION_NOT_SUPPORTED},
 * {@code UNIMPLEMENTED_IN_SM_BACKEND}, {@code SR_BACKEND_FAILURE_<n>} and friends.
 */
@ProviderType
public interface Storage {

    // ---- Query

    /** Every SR type a driver is registered for now. */
    List<QueryResult> drivers();

    /** The driver of {@code srType}; {@code SR_UNKNOWN_DRIVER} if there is none. */
    QueryResult query(String dbg, String srType);

    // ---- DP: datapaths, one per user of a VDI (a VBD, an import, a copy...)

    /** Registers a datapath named {@code id} and returns its name. */
    String dpCreate(String dbg, String id);

    /**
     * Deactivates and detaches every VDI {@code dp} uses, then forgets it. With
     * {@code allowLeak}, failures are logged and the datapath is forgotten anyway.
     */
    void dpDestroy(String dbg, String dp, boolean allowLeak);

    /** The VDI's state per datapath and its superstate. */
    DpStat dpStatVdi(String dbg, String sr, String vdi);

    /** What {@link #vdiAttach} returned for this VDI, while it is attached. */
    Backend dpAttachInfo(String dbg, String sr, String vdi, String dp);

    /** A printable summary of the datapaths and the VDIs they hold. */
    String dpDiagnostics();

    // ---- SR

    /**
     * Creates a fresh SR of type {@code srType} and returns the device configuration to keep
     * (drivers may add keys). The SR is not attached afterwards.
     */
    Map<String, String> srCreate(String dbg, String srType, String sr, String nameLabel, String nameDescription,
            Map<String, String> deviceConfig, long physicalSize);

    /** Binds {@code sr} to the driver of {@code srType} and attaches it (what PBD.plug does). */
    void srAttach(String dbg, String sr, String srType, Map<String, String> deviceConfig);

    /** Deactivates and detaches every VDI of the SR, then detaches it. */
    void srDetach(String dbg, String sr);

    /** Destroys an attached SR (its VDIs' datapaths are torn down first); it is then detached. */
    void srDestroy(String dbg, String sr);

    /** Detaches the SR if attached and forgets it, leaving its contents alone. */
    void srForget(String dbg, String sr);

    /** The VDIs of an attached SR, including files or volumes added behind the toolstack's back. */
    List<VdiInfo> srScan(String dbg, String sr);

    SrInfo srStat(String dbg, String sr);

    /** Looks for SRs of type {@code srType} on the storage that {@code deviceConfig} names. */
    ProbeResult srProbe(String dbg, String srType, Map<String, String> deviceConfig, Map<String, String> smConfig);

    /** The attached SRs. */
    List<String> srList(String dbg);

    /** The type of an attached SR; {@code SR_NOT_ATTACHED} if it is not. */
    String srType(String dbg, String sr);

    void srSetNameLabel(String dbg, String sr, String nameLabel);

    void srSetNameDescription(String dbg, String sr, String nameDescription);

    // ---- VDI

    /** Creates a VDI from {@code info} (name, size, type, sm_config...); returns what was made. */
    VdiInfo vdiCreate(String dbg, String sr, VdiInfo info);

    /** Destroys a VDI that no datapath holds ({@code VDI_IN_USE} otherwise). */
    void vdiDestroy(String dbg, String sr, String vdi);

    /** Makes a read-only snapshot of {@code info.vdi()}. */
    VdiInfo vdiSnapshot(String dbg, String sr, VdiInfo info);

    /** Makes a writable clone of {@code info.vdi()}. */
    VdiInfo vdiClone(String dbg, String sr, VdiInfo info);

    /** Grows a VDI to at least {@code newSize} bytes; returns the new virtual size. */
    long vdiResize(String dbg, String sr, String vdi, long newSize);

    VdiInfo vdiStat(String dbg, String sr, String vdi);

    /** Checks that a VDI exists at {@code location} and returns what is known of it. */
    VdiInfo vdiIntroduce(String dbg, String sr, String uuid, Map<String, String> smConfig, String location);

    void vdiSetNameLabel(String dbg, String sr, String vdi, String nameLabel);

    void vdiSetNameDescription(String dbg, String sr, String vdi, String nameDescription);

    /** Whether changes to the VDI survive the VM's next shutdown ({@code on_boot=reset} is false). */
    void vdiSetPersistent(String dbg, String sr, String vdi, boolean persistent);

    void vdiSetContentId(String dbg, String sr, String vdi, String contentId);

    void vdiAddToSmConfig(String dbg, String sr, String vdi, String key, String value);

    void vdiRemoveFromSmConfig(String dbg, String sr, String vdi, String key);

    /** The VDI is about to be used by a starting VM; non-persistent VDIs are reset here. */
    void vdiEpochBegin(String dbg, String sr, String vdi, String vm, boolean persistent);

    /** The VM that used the VDI has shut down. */
    void vdiEpochEnd(String dbg, String sr, String vdi, String vm);

    /**
     * Attaches a VDI for datapath {@code dp}. Several datapaths may hold one VDI; a read-write
     * attach must come before read-only ones, as in the original.
     */
    Backend vdiAttach(String dbg, String dp, String sr, String vdi, String vm, boolean readWrite);

    void vdiActivate(String dbg, String dp, String sr, String vdi, String vm);

    void vdiActivateReadonly(String dbg, String dp, String sr, String vdi, String vm);

    void vdiDeactivate(String dbg, String dp, String sr, String vdi, String vm);

    /** Detaches; after a read-write attach the VDI's content_id is reset to a fresh UUID. */
    void vdiDetach(String dbg, String dp, String sr, String vdi, String vm);

    // ---- DATA

    /**
     * Copies VDI {@code vdi} of {@code sr} into a new VDI of {@code destSr}, in the background.
     * Returns the task; on success the task's result is the new VDI.
     */
    String dataCopy(String dbg, String sr, String vdi, String destSr);

    /** Overwrites the VDI's contents with the raw disk image read from {@code in}. */
    void importRaw(String dbg, String sr, String vdi, InputStream in, ProgressListener progress);

    /** Writes the VDI's contents to {@code out} as a raw disk image of its virtual size. */
    void exportRaw(String dbg, String sr, String vdi, OutputStream out, ProgressListener progress);

    // ---- TASK

    StorageTask taskStat(String dbg, String task);

    /** Asks a task to stop; the task then fails with {@code TASK_CANCELLED}. */
    void taskCancel(String dbg, String task);

    /** Forgets a finished task. */
    void taskDestroy(String dbg, String task);

    List<StorageTask> taskList(String dbg);

    // ---- UPDATES

    /**
     * What changed since token {@code from} ("" for everything known); waits up to
     * {@code timeoutSeconds} for a change when nothing changed yet (0: answer at once).
     */
    Updates updatesGet(String dbg, String from, int timeoutSeconds);
}
