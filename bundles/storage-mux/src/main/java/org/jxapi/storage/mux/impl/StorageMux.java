package org.jxapi.storage.mux.impl;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jxapi.storage.api.Backend;
import org.jxapi.storage.api.DpStat;
import org.jxapi.storage.api.DynamicId;
import org.jxapi.storage.api.ProbeResult;
import org.jxapi.storage.api.ProgressListener;
import org.jxapi.storage.api.QueryResult;
import org.jxapi.storage.api.SrInfo;
import org.jxapi.storage.api.Storage;
import org.jxapi.storage.api.StorageListener;
import org.jxapi.storage.api.StorageTask;
import org.jxapi.storage.api.Updates;
import org.jxapi.storage.api.VdiInfo;
import org.jxapi.storage.spi.Capability;
import org.jxapi.storage.spi.SmError;
import org.jxapi.storage.spi.SmErrorCode;
import org.jxapi.storage.spi.SrContext;
import org.jxapi.storage.spi.SrDriver;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.XenApiException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage multiplexer: the {@link Storage} service. It tracks SR drivers as they come and go
 * (by their {@code sr.type}), binds each attached SR to the driver of its type, and routes every
 * call there through the datapath bookkeeping of {@link Datapaths}. When a driver leaves, its SRs
 * are unplugged and listeners told. Driver failures become the original's XenAPI errors
 * ({@link SmFailures}).
 */
@Component(service = Storage.class, configurationPid = "org.jxapi.storage.mux", immediate = true)
@Designate(ocd = StorageMuxConfig.class)
public class StorageMux implements Storage {
    private static final Logger LOG = LoggerFactory.getLogger(StorageMux.class);

    private final DriverRegistry drivers = new DriverRegistry();
    private final Map<String, SrBinding> srs = new ConcurrentHashMap<>();
    private final List<StorageListener> listeners = new CopyOnWriteArrayList<>();
    private final UpdateFeed updates;
    private final TaskTable tasks;
    private final Datapaths datapaths;
    private final DataMover mover;
    private final int maxWaitSeconds;

    @Activate
    public StorageMux(StorageMuxConfig config) {
        this(config.task_threads(), config.updates_max_wait_seconds(), config.updates_capacity());
    }

    /** A multiplexer with the default settings, for use without a framework. */
    public StorageMux() {
        this(4, 300, 100_000);
    }

    private StorageMux(int taskThreads, int maxWaitSeconds, int updatesCapacity) {
        this.updates = new UpdateFeed(updatesCapacity);
        this.maxWaitSeconds = maxWaitSeconds;
        this.tasks = new TaskTable(taskThreads, updates::publish);
        this.datapaths = new Datapaths(new Datapaths.Events() {
            @Override
            public void vdiChanged(String sr, String vdi) {
                StorageMux.this.vdiChanged(sr, vdi);
            }

            @Override
            public void dpChanged(String dp) {
                updates.publish(new DynamicId(DynamicId.Kind.DP, "", dp));
            }
        });
        this.mover = new DataMover(this, this::withSr, datapaths);
    }

    @Deactivate
    public void close() {
        tasks.close();
    }

    // ---- drivers and listeners (dynamic references)

    @Reference(name = "driver", service = SrDriver.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void addDriver(SrDriver driver, Map<String, Object> props) {
        DriverRegistry.Change c;
        try {
            c = drivers.add(driver, props);
        } catch (RuntimeException e) {
            LOG.error("ignoring SR driver {}: {}", driver, e.toString());
            return;
        }
        if (c.changed()) {
            if (c.before() != null) {
                unplugSrsOf(c.before());
            }
            LOG.info("SR type {} is served by {}", c.type(), c.after().info().name());
            listeners.forEach(l -> notify(l, x -> x.driverArrived(c.after().query())));
        }
    }

    public void removeDriver(SrDriver driver, Map<String, Object> props) {
        DriverRegistry.Change c = drivers.remove(driver, props);
        if (!c.changed()) {
            return;
        }
        unplugSrsOf(c.before());
        if (c.after() == null) {
            LOG.info("SR type {} has no driver any more", c.type());
            listeners.forEach(l -> notify(l, x -> x.driverDeparted(c.type())));
        } else {
            listeners.forEach(l -> notify(l, x -> x.driverArrived(c.after().query())));
        }
    }

    @Reference(name = "listener", service = StorageListener.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void addListener(StorageListener l) {
        listeners.add(l);
        drivers.actives().forEach(e -> notify(l, x -> x.driverArrived(e.query())));
    }

    public void removeListener(StorageListener l) {
        listeners.remove(l);
    }

    private static void notify(StorageListener l, Consumer<StorageListener> call) {
        try {
            call.accept(l);
        } catch (RuntimeException e) {
            LOG.warn("storage listener {} failed: {}", l, e.toString());
        }
    }

    /** The driver is going away: tear down what it serves while it can still answer. */
    private void unplugSrsOf(DriverRegistry.Entry entry) {
        for (SrBinding b : new ArrayList<>(srs.values())) {
            if (b.entry != entry) {
                continue;
            }
            b.lock.writeLock().lock();
            try {
                datapaths.teardownSr(b, "unplug", true);
                try {
                    b.driver().srDetach(b.ctx("unplug"));
                } catch (RuntimeException e) {
                    LOG.warn("SR {}: detach on driver departure failed: {}", b.sr, e.toString());
                }
                srs.remove(b.sr, b);
            } finally {
                b.lock.writeLock().unlock();
            }
            LOG.info("SR {} of type {} unplugged: its driver went away", b.sr, b.type());
            updates.publish(new DynamicId(DynamicId.Kind.SR, b.sr, b.sr));
            listeners.forEach(l -> notify(l, x -> x.srUnplugged(b.sr, b.type())));
        }
    }

    private void vdiChanged(String sr, String vdi) {
        updates.publish(new DynamicId(DynamicId.Kind.VDI, sr, vdi));
        listeners.forEach(l -> notify(l, x -> x.vdiChanged(sr, vdi)));
    }

    // ---- helpers

    private DriverRegistry.Entry driverFor(String srType) {
        return drivers.active(srType).orElseThrow(() -> ErrorCodes.SR_UNKNOWN_DRIVER.error(srType));
    }

    /** Runs {@code f} on an attached SR, holding its read lock. */
    <T> T withSr(String sr, Function<SrBinding, T> f) {
        SrBinding b = srs.get(sr);
        if (b == null) {
            throw ErrorCodes.SR_NOT_ATTACHED.error(sr);
        }
        b.lock.readLock().lock();
        try {
            if (srs.get(sr) != b) {
                throw ErrorCodes.SR_NOT_ATTACHED.error(sr);
            }
            return f.apply(b);
        } finally {
            b.lock.readLock().unlock();
        }
    }

    private static <T> T call(String op, String sr, String vdi, Supplier<T> f) {
        try {
            return f.get();
        } catch (RuntimeException e) {
            throw SmFailures.toXenApi(e, op, sr, vdi);
        }
    }

    private static void run(String op, String sr, String vdi, Runnable r) {
        call(op, sr, vdi, () -> {
            r.run();
            return null;
        });
    }

    /** Runs a VDI operation on an attached SR under the VDI's lock. */
    private <T> T onVdi(String sr, String vdi, Function<SrBinding, T> f) {
        return withSr(sr, b -> datapaths.withVdi(sr, vdi, slot -> f.apply(b)));
    }

    // ---- Query

    @Override
    public List<QueryResult> drivers() {
        return drivers.actives().stream().map(DriverRegistry.Entry::query).toList();
    }

    @Override
    public QueryResult query(String dbg, String srType) {
        return driverFor(srType).query();
    }

    // ---- DP

    @Override
    public String dpCreate(String dbg, String id) {
        return datapaths.create(id);
    }

    @Override
    public void dpDestroy(String dbg, String dp, boolean allowLeak) {
        datapaths.destroy(dbg, dp, allowLeak, srs::get);
    }

    @Override
    public DpStat dpStatVdi(String dbg, String sr, String vdi) {
        return withSr(sr, b -> datapaths.stat(sr, vdi));
    }

    @Override
    public Backend dpAttachInfo(String dbg, String sr, String vdi, String dp) {
        return withSr(sr, b -> datapaths.attachInfo(sr, vdi, dp));
    }

    @Override
    public String dpDiagnostics() {
        return datapaths.diagnostics();
    }

    // ---- SR

    @Override
    public Map<String, String> srCreate(String dbg, String srType, String sr, String nameLabel,
            String nameDescription, Map<String, String> deviceConfig, long physicalSize) {
        DriverRegistry.Entry e = driverFor(srType);
        if (srs.containsKey(sr)) {
            throw ErrorCodes.SR_UUID_EXISTS.error(sr);
        }
        SrContext ctx = new SrContext(dbg, sr, deviceConfig);
        Map<String, String> kept = call("SR.create", sr, null,
                () -> e.driver().srCreate(ctx, nameLabel, nameDescription, physicalSize));
        updates.publish(new DynamicId(DynamicId.Kind.SR, sr, sr));
        return kept == null ? deviceConfig : kept;
    }

    @Override
    public void srAttach(String dbg, String sr, String srType, Map<String, String> deviceConfig) {
        DriverRegistry.Entry e = driverFor(srType);
        synchronized (srs) {
            SrBinding existing = srs.get(sr);
            if (existing != null) {
                if (existing.type().equals(srType)) {
                    return;
                }
                throw ErrorCodes.SR_ATTACHED.error(sr);
            }
            SrBinding b = new SrBinding(sr, e, deviceConfig);
            run("SR.attach", sr, null, () -> e.driver().srAttach(b.ctx(dbg)));
            srs.put(sr, b);
        }
        updates.publish(new DynamicId(DynamicId.Kind.SR, sr, sr));
    }

    @Override
    public void srDetach(String dbg, String sr) {
        teardown(dbg, sr, false);
    }

    @Override
    public void srDestroy(String dbg, String sr) {
        teardown(dbg, sr, true);
    }

    /** Detaches or destroys an SR, its datapaths first, under its write lock. */
    private void teardown(String dbg, String sr, boolean destroy) {
        SrBinding b = srs.get(sr);
        if (b == null) {
            if (destroy) {
                throw ErrorCodes.SR_NOT_ATTACHED.error(sr);
            }
            return;
        }
        b.lock.writeLock().lock();
        try {
            if (srs.get(sr) != b) {
                if (destroy) {
                    throw ErrorCodes.SR_NOT_ATTACHED.error(sr);
                }
                return;
            }
            datapaths.teardownSr(b, dbg, false);
            SrContext ctx = b.ctx(dbg);
            if (destroy) {
                run("SR.destroy", sr, null, () -> b.driver().srDestroy(ctx));
            } else {
                run("SR.detach", sr, null, () -> b.driver().srDetach(ctx));
            }
            srs.remove(sr, b);
        } finally {
            b.lock.writeLock().unlock();
        }
        updates.publish(new DynamicId(DynamicId.Kind.SR, sr, sr));
    }

    @Override
    public void srForget(String dbg, String sr) {
        srDetach(dbg, sr);
    }

    @Override
    public List<VdiInfo> srScan(String dbg, String sr) {
        return withSr(sr, b -> call("SR.scan", sr, null, () -> b.driver().srScan(b.ctx(dbg))));
    }

    @Override
    public SrInfo srStat(String dbg, String sr) {
        return withSr(sr, b -> call("SR.stat", sr, null, () -> b.driver().srStat(b.ctx(dbg))));
    }

    @Override
    public ProbeResult srProbe(String dbg, String srType, Map<String, String> deviceConfig,
            Map<String, String> smConfig) {
        DriverRegistry.Entry e = driverFor(srType);
        if (!e.info().has(Capability.SR_PROBE)) {
            throw new XenApiException(ErrorCodes.SR_BACKEND_FAILURE.name(),
                    List.of("Operation 'sr_probe' not supported by this SR type", "", ""), null);
        }
        return call("SR.probe", "", null, () -> e.driver().srProbe(new SrContext(dbg, "", deviceConfig), smConfig));
    }

    @Override
    public List<String> srList(String dbg) {
        return new ArrayList<>(new TreeSet<>(srs.keySet()));
    }

    @Override
    public String srType(String dbg, String sr) {
        return withSr(sr, SrBinding::type);
    }

    @Override
    public void srSetNameLabel(String dbg, String sr, String nameLabel) {
        withSr(sr, b -> call("SR.set_name_label", sr, null, () -> {
            b.driver().srSetNameLabel(b.ctx(dbg), nameLabel);
            return null;
        }));
    }

    @Override
    public void srSetNameDescription(String dbg, String sr, String nameDescription) {
        withSr(sr, b -> call("SR.set_name_description", sr, null, () -> {
            b.driver().srSetNameDescription(b.ctx(dbg), nameDescription);
            return null;
        }));
    }

    // ---- VDI

    @Override
    public VdiInfo vdiCreate(String dbg, String sr, VdiInfo info) {
        VdiInfo made = withSr(sr, b -> {
            b.require(Capability.VDI_CREATE);
            if (info.virtualSize() < 0) {
                throw SmFailures.toXenApi(new SmError(SmErrorCode.VDI_SIZE,
                        "VDI size must not be negative: " + info.virtualSize()), "VDI.create", sr, null);
            }
            VdiInfo v = call("VDI.create", sr, null, () -> b.driver().vdiCreate(b.ctx(dbg), info));
            if (v.virtualSize() < info.virtualSize()) {
                LOG.error("SR {} made VDI {} smaller than asked: {} < {}", sr, v.vdi(), v.virtualSize(),
                        info.virtualSize());
                throw new XenApiException(ErrorCodes.SR_BACKEND_FAILURE.name(), List.of("Disk too small",
                        Long.toString(info.virtualSize()), Long.toString(v.virtualSize())), null);
            }
            return v;
        });
        vdiChanged(sr, made.vdi());
        return made;
    }

    @Override
    public void vdiDestroy(String dbg, String sr, String vdi) {
        withSr(sr, b -> datapaths.withVdi(sr, vdi, slot -> {
            b.require(Capability.VDI_DELETE);
            datapaths.clearLeaked(b, dbg, vdi, "", slot);
            if (Datapaths.inUse(slot)) {
                throw ErrorCodes.VDI_IN_USE.error(vdi, "destroy");
            }
            run("VDI.destroy", sr, vdi, () -> b.driver().vdiDestroy(b.ctx(dbg), vdi));
            return null;
        }));
        vdiChanged(sr, vdi);
    }

    private VdiInfo copyVdi(String op, Capability cap, String sr, VdiInfo info,
            java.util.function.BiFunction<SrBinding, SrContext, VdiInfo> f, String dbg) {
        VdiInfo made = onVdi(sr, info.vdi(), b -> {
            b.require(cap);
            return call(op, sr, info.vdi(), () -> f.apply(b, b.ctx(dbg)));
        });
        vdiChanged(sr, info.vdi());
        vdiChanged(sr, made.vdi());
        return made;
    }

    @Override
    public VdiInfo vdiSnapshot(String dbg, String sr, VdiInfo info) {
        return copyVdi("VDI.snapshot", Capability.VDI_SNAPSHOT, sr, info,
                (b, ctx) -> b.driver().vdiSnapshot(ctx, info), dbg);
    }

    @Override
    public VdiInfo vdiClone(String dbg, String sr, VdiInfo info) {
        return copyVdi("VDI.clone", Capability.VDI_CLONE, sr, info, (b, ctx) -> b.driver().vdiClone(ctx, info), dbg);
    }

    @Override
    public long vdiResize(String dbg, String sr, String vdi, long newSize) {
        long size = withSr(sr, b -> datapaths.withVdi(sr, vdi, slot -> {
            b.require(Capability.VDI_RESIZE);
            if (newSize < 0) {
                throw SmFailures.toXenApi(new SmError(SmErrorCode.VDI_SIZE, "negative size " + newSize),
                        "VDI.resize", sr, vdi);
            }
            if (Datapaths.inUse(slot) && !b.has(Capability.VDI_RESIZE_ONLINE)) {
                throw ErrorCodes.VDI_IN_USE.error(vdi, "resize");
            }
            return call("VDI.resize", sr, vdi, () -> b.driver().vdiResize(b.ctx(dbg), vdi, newSize));
        }));
        vdiChanged(sr, vdi);
        return size;
    }

    @Override
    public VdiInfo vdiStat(String dbg, String sr, String vdi) {
        return withSr(sr, b -> call("VDI.stat", sr, vdi, () -> b.driver().vdiStat(b.ctx(dbg), vdi)));
    }

    @Override
    public VdiInfo vdiIntroduce(String dbg, String sr, String uuid, Map<String, String> smConfig, String location) {
        VdiInfo v = withSr(sr, b -> {
            b.require(Capability.VDI_INTRODUCE);
            return call("VDI.introduce", sr, location,
                    () -> b.driver().vdiIntroduce(b.ctx(dbg), uuid, smConfig, location));
        });
        vdiChanged(sr, v.vdi());
        return v;
    }

    private void onVdiAndTell(String op, String dbg, String sr, String vdi,
            java.util.function.BiConsumer<SrBinding, SrContext> f) {
        onVdi(sr, vdi, b -> call(op, sr, vdi, () -> {
            f.accept(b, b.ctx(dbg));
            return null;
        }));
        vdiChanged(sr, vdi);
    }

    @Override
    public void vdiSetNameLabel(String dbg, String sr, String vdi, String nameLabel) {
        onVdiAndTell("VDI.set_name_label", dbg, sr, vdi, (b, c) -> b.driver().vdiSetNameLabel(c, vdi, nameLabel));
    }

    @Override
    public void vdiSetNameDescription(String dbg, String sr, String vdi, String nameDescription) {
        onVdiAndTell("VDI.set_name_description", dbg, sr, vdi,
                (b, c) -> b.driver().vdiSetNameDescription(c, vdi, nameDescription));
    }

    @Override
    public void vdiSetPersistent(String dbg, String sr, String vdi, boolean persistent) {
        onVdiAndTell("VDI.set_persistent", dbg, sr, vdi, (b, c) -> b.driver().vdiSetPersistent(c, vdi, persistent));
    }

    @Override
    public void vdiSetContentId(String dbg, String sr, String vdi, String contentId) {
        onVdiAndTell("VDI.set_content_id", dbg, sr, vdi, (b, c) -> b.driver().vdiSetContentId(c, vdi, contentId));
    }

    @Override
    public void vdiAddToSmConfig(String dbg, String sr, String vdi, String key, String value) {
        onVdiAndTell("VDI.add_to_sm_config", dbg, sr, vdi, (b, c) -> {
            Map<String, String> m = new LinkedHashMap<>(b.driver().vdiStat(c, vdi).smConfig());
            m.put(key, value);
            b.driver().vdiSetSmConfig(c, vdi, m);
        });
    }

    @Override
    public void vdiRemoveFromSmConfig(String dbg, String sr, String vdi, String key) {
        onVdiAndTell("VDI.remove_from_sm_config", dbg, sr, vdi, (b, c) -> {
            Map<String, String> m = new LinkedHashMap<>(b.driver().vdiStat(c, vdi).smConfig());
            m.remove(key);
            b.driver().vdiSetSmConfig(c, vdi, m);
        });
    }

    @Override
    public void vdiEpochBegin(String dbg, String sr, String vdi, String vm, boolean persistent) {
        onVdiAndTell("VDI.epoch_begin", dbg, sr, vdi, (b, c) -> b.driver().vdiEpochBegin(c, vdi, vm, persistent));
    }

    @Override
    public void vdiEpochEnd(String dbg, String sr, String vdi, String vm) {
        onVdiAndTell("VDI.epoch_end", dbg, sr, vdi, (b, c) -> b.driver().vdiEpochEnd(c, vdi, vm));
    }

    @Override
    public Backend vdiAttach(String dbg, String dp, String sr, String vdi, String vm, boolean readWrite) {
        return withSr(sr, b -> {
            b.require(Capability.VDI_ATTACH);
            return datapaths.attach(b, dbg, dp, vdi, vm, readWrite);
        });
    }

    @Override
    public void vdiActivate(String dbg, String dp, String sr, String vdi, String vm) {
        withSr(sr, b -> {
            datapaths.change(b, dbg, dp, vdi, vm, VdiAutomaton.Op.ACTIVATE);
            return null;
        });
    }

    @Override
    public void vdiActivateReadonly(String dbg, String dp, String sr, String vdi, String vm) {
        vdiActivate(dbg, dp, sr, vdi, vm);
    }

    @Override
    public void vdiDeactivate(String dbg, String dp, String sr, String vdi, String vm) {
        withSr(sr, b -> {
            datapaths.change(b, dbg, dp, vdi, vm, VdiAutomaton.Op.DEACTIVATE);
            return null;
        });
    }

    @Override
    public void vdiDetach(String dbg, String dp, String sr, String vdi, String vm) {
        withSr(sr, b -> {
            datapaths.change(b, dbg, dp, vdi, vm, VdiAutomaton.Op.DETACH);
            return null;
        });
    }

    // ---- DATA

    @Override
    public String dataCopy(String dbg, String sr, String vdi, String destSr) {
        vdiStat(dbg, sr, vdi);
        withSr(destSr, b -> {
            b.require(Capability.VDI_CREATE);
            return null;
        });
        return tasks.submit(dbg, task -> mover.copy(dbg, sr, vdi, destSr, task));
    }

    @Override
    public void importRaw(String dbg, String sr, String vdi, InputStream in, ProgressListener progress) {
        mover.importRaw(dbg, sr, vdi, in, progress == null ? ProgressListener.NONE : progress);
    }

    @Override
    public void exportRaw(String dbg, String sr, String vdi, OutputStream out, ProgressListener progress) {
        mover.exportRaw(dbg, sr, vdi, out, progress == null ? ProgressListener.NONE : progress);
    }

    // ---- TASK

    @Override
    public StorageTask taskStat(String dbg, String task) {
        return tasks.stat(task);
    }

    @Override
    public void taskCancel(String dbg, String task) {
        tasks.cancel(task);
    }

    @Override
    public void taskDestroy(String dbg, String task) {
        tasks.destroy(task);
    }

    @Override
    public List<StorageTask> taskList(String dbg) {
        return tasks.list();
    }

    // ---- UPDATES

    @Override
    public Updates updatesGet(String dbg, String from, int timeoutSeconds) {
        return updates.get(from, Math.max(0, Math.min(timeoutSeconds, maxWaitSeconds)));
    }
}
