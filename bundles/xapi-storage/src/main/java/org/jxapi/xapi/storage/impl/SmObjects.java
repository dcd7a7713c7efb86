package org.jxapi.xapi.storage.impl;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.jxapi.db.Database;
import org.jxapi.db.Row;
import org.jxapi.db.Snapshot;
import org.jxapi.db.WriteTransaction;
import org.jxapi.storage.api.QueryResult;
import org.jxapi.storage.api.Storage;
import org.jxapi.storage.api.StorageListener;
import org.jxapi.storage.api.VdiInfo;
import org.jxapi.xenapi.model.FieldValues;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.Values;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.types.Pbd;
import org.jxapi.xenapi.model.types.Pool;
import org.jxapi.xenapi.model.types.Sm;
import org.jxapi.xenapi.model.types.Sr;
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
 * SM objects in step with the SR drivers present: a driver's arrival makes (or refreshes) the SM
 * object of its type, its departure removes it, and the PBDs of SRs unplugged because their
 * driver left are marked unplugged, with their VDI objects kept. VDI changes storage reports
 * refresh the VDI objects that exist. At start, SM objects of drivers no longer present go,
 * and PBDs that were plugged are plugged again. Listener calls only queue work: the storage
 * layer must not wait for the database.
 */
@Component(service = StorageListener.class, immediate = true)
public class SmObjects implements StorageListener {
    private static final Logger LOG = LoggerFactory.getLogger(SmObjects.class);

    private final Database db;
    /**
     * Dynamic and optional: the storage service calls this listener as it starts, so a
     * mandatory reference back to it would be circular. Bound right after.
     */
    private volatile Storage storage;
    /** PBDs that were plugged before a restart, by SR type, waiting for their driver to arrive. */
    private final Map<String, List<Ref<?>>> replugWhenPresent = new java.util.concurrent.ConcurrentHashMap<>();
    private final ExecutorService work = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "jxapi-sm-objects");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public SmObjects(@Reference(name = "database") Database db) {
        this.db = db;
    }

    @Reference(name = "storage", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void bindStorage(Storage s) {
        this.storage = s;
        work.execute(this::resync);
    }

    public void unbindStorage(Storage s) {
        if (storage == s) {
            storage = null;
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        work.shutdown();
        work.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Override
    public void driverArrived(QueryResult driver) {
        work.execute(() -> {
            db.write(tx -> {
                upsert(tx, driver);
                refreshSrsOfType(tx, driver.driver());
                return null;
            });
            List<Ref<?>> waiting = replugWhenPresent.remove(driver.driver());
            if (waiting != null) {
                waiting.forEach(this::replug);
            }
        });
    }

    @Override
    public void driverDeparted(String srType) {
        work.execute(() -> db.write(tx -> {
            for (Row sm : tx.table(Sm.CLASS)) {
                if (srType.equals(sm.get(Sm.Fields.TYPE))) {
                    tx.destroy(Sm.CLASS, sm.ref());
                }
            }
            refreshSrsOfType(tx, srType);
            LOG.info("SR type {} is gone: its SM object was removed", srType);
            return null;
        }));
    }

    @Override
    public void srUnplugged(String sr, String srType) {
        work.execute(() -> db.write(tx -> {
            Row row = tx.table(Sr.CLASS).byUuid(sr);
            if (row != null) {
                Row pbd = Lookups.pbdOf(tx, row.ref());
                if (pbd != null && Boolean.TRUE.equals(pbd.get(Pbd.Fields.CURRENTLY_ATTACHED))) {
                    tx.set(Pbd.Fields.CURRENTLY_ATTACHED, pbd.ref(), false);
                }
                Operations.refreshSr(tx, row.ref());
                LOG.info("SR {} ({}) unplugged: its driver went away; its VDI objects are kept", sr, srType);
            }
            return null;
        }));
    }

    @Override
    public void vdiChanged(String sr, String vdi) {
        work.execute(() -> refreshVdi(sr, vdi));
    }

    /** Only objects that exist are refreshed: the XenAPI calls that make VDIs make their objects themselves. */
    private void refreshVdi(String sr, String location) {
        Row srRow = db.snapshot().table(Sr.CLASS).byUuid(sr);
        if (srRow == null || Lookups.vdiAt(db.snapshot(), srRow.ref(), location) == null) {
            return;
        }
        Storage st = storage;
        if (st == null) {
            return;
        }
        VdiInfo info;
        try {
            info = st.vdiStat("xapi", sr, location);
        } catch (XenApiException e) {
            return;
        }
        db.write(tx -> {
            Row row = Lookups.vdiAt(tx, srRow.ref(), location);
            if (row != null) {
                VdiRows.update(tx, srRow.ref(), row, info);
            }
            return null;
        });
    }

    static void upsert(WriteTransaction tx, QueryResult q) {
        FieldValues<Sm> f = fields(q);
        for (Row sm : tx.table(Sm.CLASS)) {
            if (q.driver().equals(sm.get(Sm.Fields.TYPE))) {
                tx.update(sm.ref(), f);
                return;
            }
        }
        tx.create(Sm.CLASS, f);
        LOG.info("SR type {} is available: SM object made", q.driver());
    }

    /** The SM object's fields; features carry their versions ({@code VDI_RESET_ON_BOOT/2}). */
    static FieldValues<Sm> fields(QueryResult q) {
        FieldValues<Sm> f = FieldValues.of(Sm.CLASS);
        f.put(Sm.Fields.TYPE, q.driver());
        f.put(Sm.Fields.NAME_LABEL, q.name());
        f.put(Sm.Fields.NAME_DESCRIPTION, q.description());
        f.put(Sm.Fields.VENDOR, q.vendor());
        f.put(Sm.Fields.COPYRIGHT, q.copyright());
        f.put(Sm.Fields.VERSION, q.version());
        f.put(Sm.Fields.REQUIRED_API_VERSION, q.requiredApiVersion());
        f.put(Sm.Fields.CONFIGURATION, Values.copyMap(q.configuration()));
        LinkedHashSet<String> caps = new LinkedHashSet<>();
        Map<String, Long> features = new LinkedHashMap<>();
        for (String feature : q.features()) {
            int slash = feature.indexOf('/');
            String name = slash < 0 ? feature : feature.substring(0, slash);
            long version = 1;
            if (slash >= 0) {
                try {
                    version = Long.parseLong(feature.substring(slash + 1));
                } catch (NumberFormatException e) {
                    version = 1;
                }
            }
            caps.add(name);
            features.put(name, version);
        }
        f.put(Sm.Fields.CAPABILITIES, Values.copySet(caps));
        f.put(Sm.Fields.FEATURES, Values.copyMap(features));
        f.put(Sm.Fields.DRIVER_FILENAME, "");
        f.put(Sm.Fields.REQUIRED_CLUSTER_STACK, Values.copySet(q.requiredClusterStack()));
        return f;
    }

    private static void refreshSrsOfType(WriteTransaction tx, String srType) {
        for (Row sr : tx.table(Sr.CLASS)) {
            if (srType.equals(sr.get(Sr.Fields.TYPE))) {
                Operations.refreshSr(tx, sr.ref());
            }
        }
    }

    /**
     * After a restart: SM objects for the drivers present and no others, and the PBDs that were
     * plugged before plugged again (marked unplugged when that fails).
     */
    private void resync() {
        Storage st = storage;
        if (st == null) {
            return;
        }
        try {
            List<QueryResult> present = st.drivers();
            db.write(tx -> {
                Set<String> types = new LinkedHashSet<>();
                for (QueryResult q : present) {
                    types.add(q.driver());
                    upsert(tx, q);
                }
                for (Row sm : tx.table(Sm.CLASS)) {
                    if (!types.contains((String) sm.get(Sm.Fields.TYPE))) {
                        tx.destroy(Sm.CLASS, sm.ref());
                    }
                }
                return null;
            });
            replug(st);
        } catch (RuntimeException e) {
            LOG.warn("SM and PBD resynchronisation failed: {}", e.toString());
        }
    }

    /** Plugs again the PBDs of this host that were plugged before the restart, or waits for their driver. */
    private void replug(Storage st) {
        Snapshot s = db.snapshot();
        if (s.table(Pool.CLASS).size() == 0) {
            // A first start: the host is not set up yet, so nothing was plugged before.
            return;
        }
        List<String> attached = st.srList("xapi");
        Set<String> present = new LinkedHashSet<>();
        st.drivers().forEach(q -> present.add(q.driver()));
        Ref<?> host = Lookups.thisHost(s);
        for (Row pbd : s.table(Pbd.CLASS)) {
            Row sr = s.row(Sr.CLASS, (Ref<?>) pbd.get(Pbd.Fields.SR));
            if (!host.equals(pbd.get(Pbd.Fields.HOST)) || !Boolean.TRUE.equals(pbd.get(Pbd.Fields.CURRENTLY_ATTACHED)) || sr == null
                    || attached.contains(sr.uuid())) {
                continue;
            }
            String type = (String) sr.get(Sr.Fields.TYPE);
            if (present.contains(type)) {
                replug(pbd.ref());
            } else {
                // Until its driver comes, the SR is not usable: say so, and plug it when the driver arrives.
                markUnplugged(pbd.ref(), sr.ref());
                replugWhenPresent.computeIfAbsent(type, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                        .add(pbd.ref());
            }
        }
    }

    private void replug(Ref<?> pbdRef) {
        Storage st = storage;
        Snapshot s = db.snapshot();
        if (st == null) {
            return;
        }
        Row pbd = s.row(Pbd.CLASS, pbdRef);
        Row sr = pbd == null ? null : s.row(Sr.CLASS, (Ref<?>) pbd.get(Pbd.Fields.SR));
        if (sr == null) {
            return;
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, String> dc = (Map<String, String>) pbd.get(Pbd.Fields.DEVICE_CONFIG);
            st.srAttach("xapi start", sr.uuid(), (String) sr.get(Sr.Fields.TYPE), dc);
            db.write(tx -> {
                if (tx.row(Pbd.CLASS, pbdRef) != null) {
                    tx.set(Pbd.Fields.CURRENTLY_ATTACHED, pbdRef, true);
                    Operations.refreshSr(tx, sr.ref());
                }
                return null;
            });
            LOG.info("SR {} plugged again after a restart", sr.uuid());
        } catch (XenApiException e) {
            LOG.warn("SR {} could not be plugged again: {}", sr.uuid(), e.errorDescription());
            markUnplugged(pbdRef, sr.ref());
        }
    }

    private void markUnplugged(Ref<?> pbd, Ref<?> sr) {
        db.write(tx -> {
            Row row = tx.row(Pbd.CLASS, pbd);
            if (row != null && Boolean.TRUE.equals(row.get(Pbd.Fields.CURRENTLY_ATTACHED))) {
                tx.set(Pbd.Fields.CURRENTLY_ATTACHED, pbd, false);
                Operations.refreshSr(tx, sr);
            }
            return null;
        });
    }
}
