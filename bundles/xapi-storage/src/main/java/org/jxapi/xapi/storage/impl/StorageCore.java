package org.jxapi.xapi.storage.impl;

import java.time.Instant;
import java.util.Map;

import java.util.List;
import org.jxapi.api.Call;
import org.jxapi.api.CallContexts;
import org.jxapi.api.Tasks;
import org.jxapi.db.Database;
import org.jxapi.db.Row;
import org.jxapi.db.Snapshot;
import org.jxapi.db.WriteTransaction;
import org.jxapi.storage.api.DatapathNames;
import org.jxapi.storage.api.Storage;
import org.jxapi.storage.api.StorageTask;
import org.jxapi.storage.api.TaskState;
import org.jxapi.storage.api.VdiInfo;
import org.jxapi.xapi.storage.api.XapiStorage;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.Field;
import org.jxapi.xenapi.model.FieldValues;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.Values;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.types.OnBoot;
import org.jxapi.xenapi.model.types.Sr;
import org.jxapi.xenapi.model.types.Vbd;
import org.jxapi.xenapi.model.types.Vdi;
import org.jxapi.xenapi.model.types.VdiOperations;
import org.jxapi.xenapi.model.types.VdiType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VDI operations of the XenAPI over the storage service: each one is checked and marked in
 * the VDI's current_operations, done by the storage driver, and its result written to the
 * database; storage errors reach the client with references in place of UUIDs and locations.
 * The XenAPI message components and xapi-vm call it.
 */
@Component(service = {XapiStorage.class, StorageCore.class}, immediate = true)
public class StorageCore implements XapiStorage {
    private static final Logger LOG = LoggerFactory.getLogger(StorageCore.class);

    final Database db;
    final Storage storage;
    /*
     * The XenAPI server provides both and pulls in the message services as it starts, which
     * reach this component: mandatory references would be circular. They are bound at once
     * after; until then calls run without a call context.
     */
    private volatile CallContexts contexts;
    private volatile Tasks tasks;
    private final TaskMirror mirror;

    @Activate
    public StorageCore(@Reference(name = "database") Database db, @Reference(name = "storage") Storage storage) {
        this.db = db;
        this.storage = storage;
        this.mirror = new TaskMirror(storage, () -> tasks);
        mirror.start();
    }

    /** For use without a framework: with the call contexts and tasks bound at once. */
    public StorageCore(Database db, Storage storage, CallContexts contexts, Tasks tasks) {
        this(db, storage);
        this.contexts = contexts;
        this.tasks = tasks;
    }

    @Reference(name = "contexts", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void bindContexts(CallContexts c) {
        contexts = c;
    }

    public void unbindContexts(CallContexts c) {
        if (contexts == c) {
            contexts = null;
        }
    }

    @Reference(name = "tasks", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void bindTasks(Tasks t) {
        tasks = t;
    }

    public void unbindTasks(Tasks t) {
        if (tasks == t) {
            tasks = null;
        }
    }

    CallContexts contexts() {
        return contexts;
    }

    /** The call being served, or null. */
    Call call() {
        CallContexts c = contexts;
        return c == null ? null : c.current();
    }

    @Deactivate
    public void close() {
        mirror.stop();
    }

    String dbg() {
        return TaskMirror.OWN + Lookups.dbg(contexts);
    }

    /** The key of the running call in current_operations: its task, else a reference of its own. */
    String opKey() {
        Call c = call();
        return c != null && !c.task().isNull() ? c.task().handle() : Ref.fresh().handle();
    }

    String srUuid(Snapshot s, Ref<?> sr) {
        return s.require(Sr.CLASS, sr).uuid();
    }

    // ---- VDI.create / destroy

    @Override
    public Ref<Vdi> createVdi(Map<String, Object> fields) {
        Ref<?> sr = (Ref<?>) fields.getOrDefault(Vdi.Fields.SR.name(), Ref.nullRef());
        Snapshot s = db.snapshot();
        Row srRow = s.require(Sr.CLASS, sr);
        VdiType type = (VdiType) fields.getOrDefault(Vdi.Fields.TYPE.name(), VdiType.USER);
        if (type == VdiType.CBT_METADATA) {
            throw ErrorCodes.VDI_INCOMPATIBLE_TYPE.error("", "cbt_metadata");
        }
        Lookups.requirePlugged(s, sr);
        VdiInfo request = VdiInfo.builder()
                .nameLabel((String) fields.getOrDefault(Vdi.Fields.NAME_LABEL.name(), ""))
                .nameDescription((String) fields.getOrDefault(Vdi.Fields.NAME_DESCRIPTION.name(), ""))
                .type(type.toString())
                .readOnly(Boolean.TRUE.equals(fields.get(Vdi.Fields.READ_ONLY.name())))
                .sharable(Boolean.TRUE.equals(fields.get(Vdi.Fields.SHARABLE.name())))
                .virtualSize(fields.get(Vdi.Fields.VIRTUAL_SIZE.name()) instanceof Long l ? l : 0L)
                .smConfig(VdiRows.strings(fields.get(Vdi.Fields.SM_CONFIG.name())))
                .build();
        VdiInfo made = StorageErrors.call(db, sr, () -> storage.vdiCreate(dbg(), srRow.uuid(), request));
        return db.write(tx -> {
            Ref<Object> vdi = VdiRows.upsert(tx, sr, made);
            tx.set(vdi, given(fields, Vdi.Fields.OTHER_CONFIG, Vdi.Fields.XENSTORE_DATA, Vdi.Fields.TAGS,
                    Vdi.Fields.SM_CONFIG));
            tx.set(Vdi.Fields.SHARABLE, vdi, Boolean.TRUE.equals(fields.get(Vdi.Fields.SHARABLE.name())));
            Operations.refreshVdi(tx, vdi);
            return vdi.cast();
        });
    }

    @Override
    public void destroyVdi(Ref<Vdi> vdi) {
        Snapshot s = db.snapshot();
        Row row = s.require(Vdi.CLASS, vdi);
        Ref<?> sr = (Ref<?>) row.get(Vdi.Fields.SR);
        Lookups.requirePlugged(s, sr);
        requireManaged(row);
        if (!Lookups.activeVbds(s, row).isEmpty()) {
            throw ErrorCodes.VDI_IN_USE.error(vdi.handle(), "destroy");
        }
        String key = opKey();
        db.write(tx -> {
            Operations.beginVdi(tx, vdi, key, VdiOperations.DESTROY);
            return null;
        });
        try {
            StorageErrors.run(db, sr, () -> storage.vdiDestroy(dbg(), srUuid(s, sr), (String) row.get(Vdi.Fields.LOCATION)));
        } catch (RuntimeException e) {
            end(vdi, key);
            throw e;
        }
        db.write(tx -> {
            Row now = tx.row(Vdi.CLASS, vdi);
            if (now != null) {
                for (Object vbd : (java.util.Set<?>) now.get(Vdi.Fields.VBDS)) {
                    if (tx.row(Vbd.CLASS, (Ref<?>) vbd) != null) {
                        tx.destroy(Vbd.CLASS, (Ref<?>) vbd);
                    }
                }
                VdiRows.forget(tx, vdi);
            }
            return null;
        });
    }

    private static void requireManaged(Row row) {
        if (!Boolean.TRUE.equals(row.get(Vdi.Fields.MANAGED))) {
            throw ErrorCodes.VDI_NOT_MANAGED.error(row.ref().handle());
        }
    }

    private void end(Ref<?> vdi, String key) {
        db.write(tx -> {
            Operations.endVdi(tx, vdi, key);
            return null;
        });
    }

    // ---- snapshot, clone, resize, copy

    @Override
    public Ref<Vdi> snapshotVdi(Ref<Vdi> vdi, Map<String, String> driverParams) {
        return copyOnWrite(vdi, driverParams, true);
    }

    @Override
    public Ref<Vdi> cloneVdi(Ref<Vdi> vdi, Map<String, String> driverParams) {
        return copyOnWrite(vdi, driverParams, false);
    }

    /** What storage needs to know of a VDI object. */
    static VdiInfo infoOf(Snapshot s, Row row) {
        Ref<?> of = (Ref<?>) row.get(Vdi.Fields.SNAPSHOT_OF);
        Row parent = of.isNull() ? null : s.row(Vdi.CLASS, of);
        return VdiInfo.builder().vdi((String) row.get(Vdi.Fields.LOCATION)).uuid(row.uuid())
                .nameLabel((String) row.get(Vdi.Fields.NAME_LABEL)).nameDescription((String) row.get(Vdi.Fields.NAME_DESCRIPTION))
                .type(row.get(Vdi.Fields.TYPE).toString()).readOnly(Boolean.TRUE.equals(row.get(Vdi.Fields.READ_ONLY)))
                .sharable(Boolean.TRUE.equals(row.get(Vdi.Fields.SHARABLE))).virtualSize((Long) row.get(Vdi.Fields.VIRTUAL_SIZE))
                .physicalUtilisation((Long) row.get(Vdi.Fields.PHYSICAL_UTILISATION))
                .persistent(row.get(Vdi.Fields.ON_BOOT) != OnBoot.RESET)
                .isASnapshot(Boolean.TRUE.equals(row.get(Vdi.Fields.IS_A_SNAPSHOT)))
                .snapshotTime((Instant) row.get(Vdi.Fields.SNAPSHOT_TIME))
                .snapshotOf(parent == null ? "" : (String) parent.get(Vdi.Fields.LOCATION))
                .smConfig(VdiRows.strings(row.get(Vdi.Fields.SM_CONFIG))).build();
    }

    private Ref<Vdi> copyOnWrite(Ref<Vdi> vdi, Map<String, String> driverParams, boolean snapshot) {
        Snapshot s = db.snapshot();
        Row row = s.require(Vdi.CLASS, vdi);
        Ref<?> sr = (Ref<?>) row.get(Vdi.Fields.SR);
        Lookups.requirePlugged(s, sr);
        requireManaged(row);
        String key = opKey();
        VdiOperations op = snapshot ? VdiOperations.SNAPSHOT : VdiOperations.CLONE;
        db.write(tx -> {
            Operations.beginVdi(tx, vdi, key, op);
            return null;
        });
        try {
            VdiInfo info = infoOf(s, row).toBuilder().smConfig(driverParams == null ? Map.of() : driverParams).build();
            String srUuid = srUuid(s, sr);
            VdiInfo made = StorageErrors.call(db, sr, () -> snapshot ? storage.vdiSnapshot(dbg(), srUuid, info)
                    : storage.vdiClone(dbg(), srUuid, info));
            return db.write(tx -> {
                Ref<Object> n = VdiRows.upsert(tx, sr, made);
                copyMetadata(tx, row, n);
                tx.set(Vdi.Fields.IS_A_SNAPSHOT, n, snapshot);
                tx.set(Vdi.Fields.SNAPSHOT_OF, n, snapshot ? vdi : Ref.nullRef());
                tx.set(Vdi.Fields.SNAPSHOT_TIME, n, snapshot ? Instant.now() : Instant.EPOCH);
                Operations.endVdi(tx, vdi, key);
                Operations.refreshVdi(tx, n);
                return n.cast();
            });
        } catch (RuntimeException e) {
            end(vdi, key);
            throw e;
        }
    }

    /** The fields only the XenAPI keeps, copied from a VDI to its snapshot, clone or copy. */
    static void copyMetadata(WriteTransaction tx, Row from, Ref<?> to) {
        copy(tx, from, to, Vdi.Fields.NAME_LABEL);
        copy(tx, from, to, Vdi.Fields.NAME_DESCRIPTION);
        copy(tx, from, to, Vdi.Fields.TYPE);
        copy(tx, from, to, Vdi.Fields.SHARABLE);
        copy(tx, from, to, Vdi.Fields.OTHER_CONFIG);
        copy(tx, from, to, Vdi.Fields.XENSTORE_DATA);
        copy(tx, from, to, Vdi.Fields.ON_BOOT);
        copy(tx, from, to, Vdi.Fields.ALLOW_CACHING);
        copy(tx, from, to, Vdi.Fields.TAGS);
    }

    private static <V> void copy(WriteTransaction tx, Row from, Ref<?> to, Field<Vdi, V> field) {
        tx.set(field, to, from.get(field));
    }

    /** The fields of a client's VDI record that it gave, to set as they are. */
    @SafeVarargs
    private static FieldValues<Vdi> given(Map<String, Object> record, Field<Vdi, ?>... fields) {
        FieldValues<Vdi> v = FieldValues.of(Vdi.CLASS);
        for (Field<Vdi, ?> f : fields) {
            if (record.containsKey(f.name())) {
                v.putUnchecked(f, record.get(f.name()));
            }
        }
        return v;
    }

    long resize(Ref<Vdi> vdi, long size, boolean online) {
        Snapshot s = db.snapshot();
        Row row = s.require(Vdi.CLASS, vdi);
        Ref<?> sr = (Ref<?>) row.get(Vdi.Fields.SR);
        Lookups.requirePlugged(s, sr);
        requireManaged(row);
        String key = opKey();
        db.write(tx -> {
            Operations.beginVdi(tx, vdi, key, online ? VdiOperations.RESIZE_ONLINE : VdiOperations.RESIZE);
            return null;
        });
        try {
            long newSize = StorageErrors.call(db, sr,
                    () -> storage.vdiResize(dbg(), srUuid(s, sr), (String) row.get(Vdi.Fields.LOCATION), size));
            db.write(tx -> {
                tx.set(Vdi.Fields.VIRTUAL_SIZE, vdi, newSize);
                Operations.endVdi(tx, vdi, key);
                return null;
            });
            return newSize;
        } catch (RuntimeException e) {
            end(vdi, key);
            throw e;
        }
    }

    /** VDI.copy into a new VDI of {@code destSr}, as a storage task whose progress shows on the call's task. */
    Ref<Vdi> copy(Ref<Vdi> vdi, Ref<?> destSr) {
        Snapshot s = db.snapshot();
        Row row = s.require(Vdi.CLASS, vdi);
        Ref<?> sr = (Ref<?>) row.get(Vdi.Fields.SR);
        s.require(Sr.CLASS, destSr);
        Lookups.requirePlugged(s, sr);
        Lookups.requirePlugged(s, destSr);
        String key = opKey();
        db.write(tx -> {
            Operations.beginVdi(tx, vdi, key, VdiOperations.COPY);
            return null;
        });
        try {
            String task = StorageErrors.call(db, sr,
                    () -> storage.dataCopy(dbg(), srUuid(s, sr), (String) row.get(Vdi.Fields.LOCATION), srUuid(s, destSr)));
            StorageTask t = mirror.await(task, call());
            try {
                storage.taskDestroy("xapi", task);
            } catch (XenApiException e) {
                LOG.debug("storage task {} already gone", task);
            }
            if (t.state() instanceof TaskState.Failed f) {
                XenApiException x = new XenApiException(f.errorDescription().get(0),
                        f.errorDescription().subList(1, f.errorDescription().size()), null);
                throw StorageErrors.translate(db.snapshot(), sr, x);
            }
            VdiInfo made = ((TaskState.Completed) t.state()).result();
            return db.write(tx -> {
                Ref<Object> n = VdiRows.upsert(tx, destSr, made);
                copyMetadata(tx, row, n);
                tx.set(Vdi.Fields.IS_A_SNAPSHOT, n, false);
                tx.set(Vdi.Fields.SNAPSHOT_OF, n, Ref.nullRef());
                Operations.endVdi(tx, vdi, key);
                Operations.refreshVdi(tx, n);
                return n.cast();
            });
        } catch (RuntimeException e) {
            end(vdi, key);
            throw e;
        }
    }

    /** VDI.copy into an existing VDI: its contents are replaced by the source's, streamed raw. */
    void copyInto(Ref<Vdi> vdi, Ref<Vdi> into) {
        Snapshot s = db.snapshot();
        Row src = s.require(Vdi.CLASS, vdi);
        Row dst = s.require(Vdi.CLASS, into);
        long size = (Long) src.get(Vdi.Fields.VIRTUAL_SIZE);
        if ((Long) dst.get(Vdi.Fields.VIRTUAL_SIZE) < size) {
            throw ErrorCodes.VDI_TOO_SMALL.error(into.handle(), Long.toString(size));
        }
        Ref<?> sr = (Ref<?>) src.get(Vdi.Fields.SR);
        Ref<?> destSr = (Ref<?>) dst.get(Vdi.Fields.SR);
        Lookups.requirePlugged(s, sr);
        Lookups.requirePlugged(s, destSr);
        String key = opKey();
        db.write(tx -> {
            Operations.beginVdi(tx, vdi, key, VdiOperations.COPY);
            return null;
        });
        try {
            Call call = call();
            RawCopy.copy(storage, dbg(), srUuid(s, sr), (String) src.get(Vdi.Fields.LOCATION), srUuid(s, destSr),
                    (String) dst.get(Vdi.Fields.LOCATION), (done, total) -> {
                        if (call != null) {
                            call.progress(total <= 0 ? 0 : (double) done / total);
                        }
                    }, e -> StorageErrors.translate(db.snapshot(), sr, e));
        } finally {
            end(vdi, key);
        }
    }

    // ---- attach for VMs

    @Override
    public String attach(Ref<Vdi> vdi, String vmUuid, String device, boolean readWrite) {
        Snapshot s = db.snapshot();
        Row row = s.require(Vdi.CLASS, vdi);
        Ref<?> sr = (Ref<?>) row.get(Vdi.Fields.SR);
        Lookups.requirePlugged(s, sr);
        String srUuid = srUuid(s, sr);
        String location = (String) row.get(Vdi.Fields.LOCATION);
        String dp = datapath(vmUuid, device);
        StorageErrors.run(db, sr, () -> {
            storage.dpCreate(dbg(), dp);
            storage.vdiAttach(dbg(), dp, srUuid, location, vmUuid, readWrite);
            storage.vdiActivate(dbg(), dp, srUuid, location, vmUuid);
        });
        return srUuid + "/" + location;
    }

    @Override
    public void detach(String vmUuid, String device) {
        String dp = datapath(vmUuid, device);
        try {
            storage.dpDestroy(dbg(), dp, false);
        } catch (XenApiException e) {
            LOG.warn("datapath {} did not tear down cleanly; forgetting it: {}", dp, e.errorDescription());
            storage.dpDestroy(dbg(), dp, true);
        }
    }

    @Override
    public String diskName(Ref<Vdi> vdi) {
        Snapshot s = db.snapshot();
        Row row = s.require(Vdi.CLASS, vdi);
        return srUuid(s, (Ref<?>) row.get(Vdi.Fields.SR)) + "/" + row.get(Vdi.Fields.LOCATION);
    }

    static String datapath(String vmUuid, String device) {
        return DatapathNames.vbd(vmUuid, device);
    }

    // ---- introduce, forget, update, names

    Ref<Vdi> introduce(Map<String, Object> f) {
        Ref<?> sr = (Ref<?>) f.get(Vdi.Fields.SR.name());
        Snapshot s = db.snapshot();
        s.require(Sr.CLASS, sr);
        Lookups.requirePlugged(s, sr);
        String uuid = (String) f.get(Vdi.Fields.UUID.name());
        String location = (String) f.get(Vdi.Fields.LOCATION.name());
        Row clash = Lookups.vdiAt(s, sr, location);
        if (clash != null && !clash.uuid().equals(uuid)) {
            throw ErrorCodes.LOCATION_NOT_UNIQUE.error(sr.handle(), location);
        }
        @SuppressWarnings("unchecked")
        Map<String, String> smConfig = (Map<String, String>) f.getOrDefault(Vdi.Fields.SM_CONFIG.name(), Values.emptyMap());
        VdiInfo info = StorageErrors.call(db, sr,
                () -> storage.vdiIntroduce(dbg(), srUuid(s, sr), uuid, smConfig, location));
        return db.write(tx -> {
            Ref<Object> vdi = VdiRows.upsert(tx, sr, info);
            tx.set(vdi, given(f, Vdi.Fields.OTHER_CONFIG, Vdi.Fields.XENSTORE_DATA, Vdi.Fields.SHARABLE,
                    Vdi.Fields.TYPE));
            for (Field<Vdi, String> k : List.of(Vdi.Fields.NAME_LABEL, Vdi.Fields.NAME_DESCRIPTION)) {
                if (!"".equals(f.getOrDefault(k.name(), ""))) {
                    tx.set(k, vdi, (String) f.get(k.name()));
                }
            }
            Operations.refreshVdi(tx, vdi);
            return vdi.cast();
        });
    }

    void update(Ref<Vdi> vdi) {
        Snapshot s = db.snapshot();
        Row row = s.require(Vdi.CLASS, vdi);
        Ref<?> sr = (Ref<?>) row.get(Vdi.Fields.SR);
        Lookups.requirePlugged(s, sr);
        VdiInfo info = StorageErrors.call(db, sr,
                () -> storage.vdiStat(dbg(), srUuid(s, sr), (String) row.get(Vdi.Fields.LOCATION)));
        db.write(tx -> {
            VdiRows.upsert(tx, sr, info);
            Operations.refreshVdi(tx, vdi);
            return null;
        });
    }

    void forget(Ref<Vdi> vdi) {
        db.write(tx -> {
            tx.require(Vdi.CLASS, vdi);
            VdiRows.forget(tx, vdi);
            return null;
        });
    }

    /** Name changes go to the driver too, where it keeps names, then to the object. */
    void setName(Ref<Vdi> vdi, Field<Vdi, String> field, String value) {
        Snapshot s = db.snapshot();
        Row row = s.require(Vdi.CLASS, vdi);
        Ref<?> sr = (Ref<?>) row.get(Vdi.Fields.SR);
        if (Lookups.plugged(s, sr)) {
            String srUuid = srUuid(s, sr);
            String loc = (String) row.get(Vdi.Fields.LOCATION);
            StorageErrors.run(db, sr, () -> {
                if (field == Vdi.Fields.NAME_LABEL) {
                    storage.vdiSetNameLabel(dbg(), srUuid, loc, value);
                } else {
                    storage.vdiSetNameDescription(dbg(), srUuid, loc, value);
                }
            });
        }
        db.write(tx -> {
            tx.set(field, vdi, value);
            return null;
        });
    }

    void setOnBoot(Ref<Vdi> vdi, OnBoot value) {
        Snapshot s = db.snapshot();
        Row row = s.require(Vdi.CLASS, vdi);
        Ref<?> sr = (Ref<?>) row.get(Vdi.Fields.SR);
        Lookups.requirePlugged(s, sr);
        XenApiException e = VdiChecks.error(s, row, VdiOperations.SET_ON_BOOT);
        if (e != null) {
            throw e;
        }
        StorageErrors.run(db, sr, () -> storage.vdiSetPersistent(dbg(), srUuid(s, sr), (String) row.get(Vdi.Fields.LOCATION),
                value != OnBoot.RESET));
        db.write(tx -> {
            tx.set(Vdi.Fields.ON_BOOT, vdi, value);
            Operations.refreshVdi(tx, vdi);
            return null;
        });
    }

    <V> void setField(Ref<Vdi> vdi, Field<Vdi, V> field, V value) {
        db.write(tx -> {
            tx.require(Vdi.CLASS, vdi);
            tx.set(field, vdi, value);
            Operations.refreshVdi(tx, vdi);
            return null;
        });
    }

}
