package org.jxapi.xapi.storage.api;

import java.util.Map;

import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.types.Vdi;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Storage as the XenAPI sees it: each call changes the SR through the storage service and keeps
 * the VDI objects of the database in step, with the original's checks and errors (VDI_IN_USE,
 * SR_NO_PBDS, OTHER_OPERATION_IN_PROGRESS, ...). Errors name objects by reference.
 */
@ProviderType
public interface XapiStorage {

    /** {@code VDI.create}: makes the disk and its object from the fields of a VDI record (SR, virtual_size...). */
    Ref<Vdi> createVdi(Map<String, Object> fields);

    /** {@code VDI.destroy}: removes the disk, its object and its VBDs; VDI_IN_USE while a VBD is attached. */
    void destroyVdi(Ref<Vdi> vdi);

    /** {@code VDI.snapshot}: a read-only copy in the same SR, made without copying the data. */
    Ref<Vdi> snapshotVdi(Ref<Vdi> vdi, Map<String, String> driverParams);

    /** {@code VDI.clone}: a writable copy in the same SR, made without copying the data. */
    Ref<Vdi> cloneVdi(Ref<Vdi> vdi, Map<String, String> driverParams);

    /**
     * Attaches and activates a VDI for block device {@code device} of VM {@code vmUuid} (datapath
     * {@code vbd/<vm uuid>/<device>}) and returns the disk's name for xenops, {@code <sr uuid>/<location>}.
     * Attaching what this datapath already holds is not an error.
     */
    String attach(Ref<Vdi> vdi, String vmUuid, String device, boolean readWrite);

    /** Deactivates and detaches whatever the datapath of that block device holds; nothing when it holds nothing. */
    void detach(String vmUuid, String device);

    /** The VDI's name for xenops, {@code <sr uuid>/<location>}. */
    String diskName(Ref<Vdi> vdi);
}
