package org.jxapi.xapi.storage.impl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jxapi.db.Row;
import org.jxapi.db.Snapshot;
import org.jxapi.storage.api.Probe;
import org.jxapi.storage.api.ProbeResult;
import org.jxapi.storage.api.QueryResult;
import org.jxapi.storage.api.SrInfo;
import org.jxapi.storage.api.VdiInfo;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.Field;
import org.jxapi.xenapi.model.FieldValues;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.Values;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.api.PbdApi;
import org.jxapi.xenapi.model.api.SrApi;
import org.jxapi.xenapi.model.types.Host;
import org.jxapi.xenapi.model.types.Pbd;
import org.jxapi.xenapi.model.types.Session;
import org.jxapi.xenapi.model.types.Sr;
import org.jxapi.xenapi.model.types.StorageOperations;
import org.jxapi.xenapi.model.types.Vdi;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The explicit messages of SR and PBD: SRs made, introduced, forgotten and destroyed through the
 * storage service, their PBDs plugged and unplugged, and their VDI objects kept in step with
 * what a scan finds. Checks and errors follow the original's xapi_sr, xapi_sr_operations and
 * xapi_pbd.
 */
@Component(service = {SrApi.class, PbdApi.class})
public class SrMessages implements SrApi, PbdApi {
    private static final Logger LOG = LoggerFactory.getLogger(SrMessages.class);
    private static final int SCAN_RETRIES = 10;

    private final StorageCore core;

    @Activate
    public SrMessages(@Reference(name = "core") StorageCore core) {
        this.core = core;
    }

    // ---- SR.create, introduce, forget, destroy

    @Override
    public Ref<Sr> create(Ref<Session> sessionId, Ref<Host> host, Map<String, String> deviceConfig,
            long physicalSize, String nameLabel, String nameDescription, String type, String contentType,
            boolean shared, Map<String, String> smConfig) {
        core.db.snapshot().require(Host.CLASS, host);
        String srType = type.toLowerCase(java.util.Locale.ROOT);
        QueryResult driver = core.storage.query(core.dbg(), srType);
        String uuid = UUID.randomUUID().toString();
        LOG.info("SR.create of type {} ({}) as {}", srType, driver.name(), uuid);
        // The SR is made on storage first: a refused create leaves no object behind.
        Map<String, String> kept = core.storage.srCreate(core.dbg(), srType, uuid, nameLabel, nameDescription,
                deviceConfig, physicalSize);
        Ref<Pbd> pbd = Ref.fresh();
        Ref<Sr> sr = core.db.write(tx -> {
            Ref<Sr> r = tx.create(Sr.CLASS, srFields(uuid, nameLabel, nameDescription, srType, contentType, shared,
                    smConfig));
            tx.create(Pbd.CLASS, pbd, FieldValues.of(Pbd.CLASS).put(Pbd.Fields.HOST, host).put(Pbd.Fields.SR, r)
                    .put(Pbd.Fields.DEVICE_CONFIG, kept).put(Pbd.Fields.CURRENTLY_ATTACHED, false));
            Operations.refreshSr(tx, r);
            return r;
        });
        plug(sessionId, pbd);
        return sr;
    }

    private static FieldValues<Sr> srFields(String uuid, String nameLabel, String nameDescription, String type,
            String contentType, boolean shared, Map<String, String> smConfig) {
        FieldValues<Sr> f = FieldValues.of(Sr.CLASS);
        f.put(Sr.Fields.UUID, uuid);
        f.put(Sr.Fields.NAME_LABEL, nameLabel);
        f.put(Sr.Fields.NAME_DESCRIPTION, nameDescription);
        f.put(Sr.Fields.TYPE, type);
        f.put(Sr.Fields.CONTENT_TYPE, contentType);
        f.put(Sr.Fields.SHARED, shared);
        f.put(Sr.Fields.SM_CONFIG, smConfig);
        f.put(Sr.Fields.PHYSICAL_SIZE, -1L);
        f.put(Sr.Fields.PHYSICAL_UTILISATION, -1L);
        f.put(Sr.Fields.VIRTUAL_ALLOCATION, 0L);
        return f;
    }

    @Override
    public Ref<Sr> introduce(Ref<Session> sessionId, String uuid, String nameLabel, String nameDescription,
            String type, String contentType, boolean shared, Map<String, String> smConfig) {
        String u = uuid == null || uuid.isEmpty() ? UUID.randomUUID().toString() : uuid;
        return core.db.write(tx -> {
            if (tx.table(Sr.CLASS).byUuid(u) != null) {
                throw ErrorCodes.SR_UUID_EXISTS.error(u);
            }
            Ref<Sr> r = tx.create(Sr.CLASS, srFields(u, nameLabel, nameDescription, type.toLowerCase(java.util.Locale.ROOT),
                    contentType, shared, smConfig));
            Operations.refreshSr(tx, r);
            return r;
        });
    }

    @Override
    public void forget(Ref<Session> sessionId, Ref<Sr> sr) {
        String key = begin(sr, StorageOperations.FORGET);
        Row row = core.db.snapshot().require(Sr.CLASS, sr);
        try {
            core.storage.srForget(core.dbg(), row.uuid());
        } catch (XenApiException e) {
            LOG.debug("SR {} was not known to storage: {}", row.uuid(), e.errorDescription());
        }
        removeObjects(sr);
        LOG.info("SR {} forgotten (key {})", row.uuid(), key);
    }

    @Override
    public void destroy(Ref<Session> sessionId, Ref<Sr> sr) {
        String key = begin(sr, StorageOperations.DESTROY);
        Snapshot s = core.db.snapshot();
        Row row = s.require(Sr.CLASS, sr);
        Row pbd = Lookups.pbdOf(s, sr);
        if (pbd == null) {
            pbd = s.row(Pbd.CLASS, (Ref<?>) ((Set<?>) row.get(Sr.Fields.PBDS)).iterator().next());
        }
        @SuppressWarnings("unchecked")
        Map<String, String> dc = (Map<String, String>) pbd.get(Pbd.Fields.DEVICE_CONFIG);
        String type = (String) row.get(Sr.Fields.TYPE);
        try {
            // As the original's destroy_sr: the SR is attached for the driver to destroy it.
            StorageErrors.run(core.db, sr, () -> {
                core.storage.srAttach(core.dbg(), row.uuid(), type, dc);
                core.storage.srDestroy(core.dbg(), row.uuid());
            });
        } catch (RuntimeException e) {
            try {
                core.storage.srDetach(core.dbg(), row.uuid());
            } catch (RuntimeException ignored) {
                // it was not attached
            }
            end(sr, key);
            throw e;
        }
        removeObjects(sr);
    }

    /** The SR object goes with its PBDs and VDI objects. */
    private void removeObjects(Ref<Sr> sr) {
        core.db.write(tx -> {
            Row row = tx.row(Sr.CLASS, sr);
            if (row == null) {
                return null;
            }
            for (Object p : (Set<?>) row.get(Sr.Fields.PBDS)) {
                tx.destroy(Pbd.CLASS, (Ref<?>) p);
            }
            for (Object v : (Set<?>) row.get(Sr.Fields.VDIS)) {
                VdiRows.forget(tx, (Ref<?>) v);
            }
            tx.destroy(Sr.CLASS, sr);
            return null;
        });
    }

    private String begin(Ref<Sr> sr, StorageOperations op) {
        String key = core.opKey();
        core.db.write(tx -> {
            Operations.beginSr(tx, sr, key, op);
            return null;
        });
        return key;
    }

    private void end(Ref<?> sr, String key) {
        core.db.write(tx -> {
            Operations.endSr(tx, sr, key);
            return null;
        });
    }

    // ---- scan, update, probe, names

    @Override
    public void scan(Ref<Session> sessionId, Ref<Sr> sr) {
        String key = begin(sr, StorageOperations.SCAN);
        try {
            scanNow(sr);
        } finally {
            end(sr, key);
        }
    }

    /**
     * Brings the SR's VDI objects in step with storage. A VDI made or destroyed while the scan
     * ran would be misread, so the scan is repeated when the SR's objects changed meanwhile (as
     * the original does since CA-399757).
     */
    void scanNow(Ref<?> sr) {
        String uuid = core.db.snapshot().require(Sr.CLASS, sr).uuid();
        for (int attempt = 0; attempt < SCAN_RETRIES; attempt++) {
            Set<?> before = (Set<?>) core.db.snapshot().require(Sr.CLASS, sr).get(Sr.Fields.VDIS);
            List<VdiInfo> found = StorageErrors.call(core.db, sr, () -> core.storage.srScan(core.dbg(), uuid));
            SrInfo info = StorageErrors.call(core.db, sr, () -> core.storage.srStat(core.dbg(), uuid));
            boolean done = core.db.write(tx -> {
                Row row = tx.require(Sr.CLASS, sr);
                if (!new LinkedHashSet<>((Set<?>) row.get(Sr.Fields.VDIS)).equals(new LinkedHashSet<>(before))) {
                    return false;
                }
                long allocation = VdiRows.reconcile(tx, sr, found);
                setIfChanged(tx, sr, Sr.Fields.VIRTUAL_ALLOCATION, allocation);
                sizes(tx, sr, info);
                Operations.refreshSr(tx, sr);
                return true;
            });
            if (done) {
                return;
            }
        }
        throw ErrorCodes.INTERNAL_ERROR.error("SR.scan retry limit exceeded");
    }

    private static void sizes(org.jxapi.db.WriteTransaction tx, Ref<?> sr, SrInfo info) {
        setIfChanged(tx, sr, Sr.Fields.PHYSICAL_SIZE, info.totalSpace());
        setIfChanged(tx, sr, Sr.Fields.PHYSICAL_UTILISATION, info.totalSpace() - info.freeSpace());
        setIfChanged(tx, sr, Sr.Fields.CLUSTERED, info.clustered());
    }

    private static <V> void setIfChanged(org.jxapi.db.WriteTransaction tx, Ref<?> sr, Field<Sr, V> field, V v) {
        if (!v.equals(tx.require(Sr.CLASS, sr).get(field))) {
            tx.set(field, sr, v);
        }
    }

    @Override
    public void update(Ref<Session> sessionId, Ref<Sr> sr) {
        String uuid = core.db.snapshot().require(Sr.CLASS, sr).uuid();
        SrInfo info = StorageErrors.call(core.db, sr, () -> core.storage.srStat(core.dbg(), uuid));
        core.db.write(tx -> {
            sizes(tx, sr, info);
            return null;
        });
    }

    @Override
    public String probe(Ref<Session> sessionId, Ref<Host> host, Map<String, String> deviceConfig, String type,
            Map<String, String> smConfig) {
        ProbeResult r = core.storage.srProbe(core.dbg(), type, deviceConfig, smConfig);
        if (r instanceof ProbeResult.Raw raw) {
            return raw.text();
        }
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" ?>\n<SRlist>\n");
        for (Probe p : ((ProbeResult.Probes) r).probes()) {
            if (p.sr() != null) {
                sb.append("\t<SR>\n\t\t<UUID>").append(p.sr().srUuid()).append("</UUID>\n\t\t<size>")
                        .append(p.sr().totalSpace()).append("</size>\n\t</SR>\n");
            }
        }
        return sb.append("</SRlist>\n").toString();
    }

    @Override
    public Set<String> getSupportedTypes(Ref<Session> sessionId) {
        List<String> types = new ArrayList<>();
        core.storage.drivers().forEach(d -> types.add(d.driver()));
        return Values.copySet(types);
    }

    @Override
    public void setNameLabel(Ref<Session> sessionId, Ref<Sr> sr, String value) {
        setName(sr, Sr.Fields.NAME_LABEL, value);
    }

    @Override
    public void setNameDescription(Ref<Session> sessionId, Ref<Sr> sr, String value) {
        setName(sr, Sr.Fields.NAME_DESCRIPTION, value);
    }

    private void setName(Ref<Sr> sr, Field<Sr, String> field, String value) {
        Snapshot s = core.db.snapshot();
        Row row = s.require(Sr.CLASS, sr);
        if (Lookups.plugged(s, sr)) {
            StorageErrors.run(core.db, sr, () -> {
                if (field == Sr.Fields.NAME_LABEL) {
                    core.storage.srSetNameLabel(core.dbg(), row.uuid(), value);
                } else {
                    core.storage.srSetNameDescription(core.dbg(), row.uuid(), value);
                }
            });
        }
        core.db.write(tx -> {
            tx.set(field, sr, value);
            return null;
        });
    }

    @Override
    public void setShared(Ref<Session> sessionId, Ref<Sr> sr, boolean value) {
        core.db.write(tx -> {
            tx.require(Sr.CLASS, sr);
            tx.set(Sr.Fields.SHARED, sr, value);
            return null;
        });
    }

    @Override
    public void setPhysicalSize(Ref<Session> sessionId, Ref<Sr> self, long value) {
        core.db.write(tx -> {
            tx.require(Sr.CLASS, self);
            tx.set(Sr.Fields.PHYSICAL_SIZE, self, value);
            return null;
        });
    }

    // ---- PBD.plug, unplug

    @Override
    public void plug(Ref<Session> sessionId, Ref<Pbd> self) {
        Snapshot s = core.db.snapshot();
        Row pbd = s.require(Pbd.CLASS, self);
        Ref<?> sr = (Ref<?>) pbd.get(Pbd.Fields.SR);
        Row row = s.require(Sr.CLASS, sr);
        boolean attached = Boolean.TRUE.equals(pbd.get(Pbd.Fields.CURRENTLY_ATTACHED));
        if (attached && core.storage.srList(core.dbg()).contains(row.uuid())) {
            return;
        }
        String key = begin(sr.cast(), StorageOperations.PLUG);
        try {
            @SuppressWarnings("unchecked")
            Map<String, String> dc = (Map<String, String>) pbd.get(Pbd.Fields.DEVICE_CONFIG);
            StorageErrors.run(core.db, sr,
                    () -> core.storage.srAttach(core.dbg(), row.uuid(), (String) row.get(Sr.Fields.TYPE), dc));
            core.db.write(tx -> {
                tx.set(Pbd.Fields.CURRENTLY_ATTACHED, self, true);
                return null;
            });
        } finally {
            end(sr, key);
        }
        try {
            scanNow(sr);
        } catch (RuntimeException e) {
            LOG.warn("SR {} plugged, but its first scan failed: {}", row.uuid(), e.toString());
        }
    }

    @Override
    public void unplug(Ref<Session> sessionId, Ref<Pbd> self) {
        Snapshot s = core.db.snapshot();
        Row pbd = s.require(Pbd.CLASS, self);
        if (!Boolean.TRUE.equals(pbd.get(Pbd.Fields.CURRENTLY_ATTACHED))) {
            return;
        }
        Ref<?> sr = (Ref<?>) pbd.get(Pbd.Fields.SR);
        Row row = s.require(Sr.CLASS, sr);
        List<String> inUse = new ArrayList<>();
        for (Object v : (Set<?>) row.get(Sr.Fields.VDIS)) {
            Row vdi = s.row(Vdi.CLASS, (Ref<?>) v);
            if (vdi != null && !"metadata".equals(String.valueOf(vdi.get(Vdi.Fields.TYPE)))
                    && !Lookups.activeVbds(s, vdi).isEmpty()) {
                inUse.add(vdi.ref().handle());
            }
        }
        if (!inUse.isEmpty()) {
            throw new XenApiException(ErrorCodes.VDI_IN_USE.name(), inUse, null);
        }
        String key = begin(sr.cast(), StorageOperations.UNPLUG);
        try {
            StorageErrors.run(core.db, sr, () -> core.storage.srDetach(core.dbg(), row.uuid()));
            core.db.write(tx -> {
                tx.set(Pbd.Fields.CURRENTLY_ATTACHED, self, false);
                return null;
            });
        } finally {
            end(sr, key);
        }
    }
}
