package org.jxapi.xapi.vm.impl;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;
import org.jxapi.api.CallContexts;
import org.jxapi.api.impl.task.TaskManager;
import org.jxapi.db.impl.DatabaseImpl;
import org.jxapi.db.impl.DbOptions;
import org.jxapi.storage.mux.impl.StorageMux;
import org.jxapi.storage.spi.MemorySrDriver;
import org.jxapi.xapi.storage.impl.SmObjects;
import org.jxapi.xapi.storage.impl.SrMessages;
import org.jxapi.xapi.storage.impl.StorageCore;
import org.jxapi.xapi.storage.impl.VdiLifecycle;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.types.Host;
import org.jxapi.xenapi.model.types.Sr;
import org.jxapi.xenops.api.Xenops;
import org.jxapi.xenops.simulator.impl.SimulatorBackend;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.converter.Converters;

/**
 * A host for tests, made of the real parts without a framework: an in-memory database with a
 * pool and this host, the storage multiplexer over the in-memory SR driver with this bundle's
 * storage side, and one xenops instance over the simulator followed by the bridge.
 */
final class TestHost implements AutoCloseable {
    static final String QUEUE = "org.xen.xapi.xenops.simulator";

    final DatabaseImpl db;
    final Ref<Host> host;
    final TaskManager tasks;
    final StorageMux mux = new StorageMux();
    final StorageCore storage;
    final SrMessages srs;
    final VdiLifecycle vdis;
    final XenopsBridge bridge;
    final VmMessages vms;
    final VbdMessages vbds;
    final VifMessages vifs;
    final VmLifecycle vmLifecycle;
    final VbdLifecycle vbdLifecycle;
    final Xenops xenops;
    private final Object instance;
    static final CallContexts NO_CALL = () -> null;

    TestHost(Path dir) throws Exception {
        db = DatabaseImpl.open(DbOptions.inMemory());
        host = db.write(tx -> {
            Ref<Host> h = tx.create("host", Map.of("name_label", "test-host"));
            tx.create("pool", Map.of("master", h));
            return h;
        });
        tasks = new TaskManager(db, new TaskManager.Limits(1000, 100, 60_000, 60_000, 4));
        mux.addDriver(new MemorySrDriver("memory", 1L << 40), Map.of("sr.type", "memory"));
        storage = new StorageCore(db, mux, NO_CALL, tasks);
        SmObjects sm = new SmObjects(db);
        mux.addListener(sm);
        sm.bindStorage(mux);
        // The SM objects appear once the mux has told SmObjects of the driver.
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> db.snapshot().table("SM").size() > 0);
        srs = new SrMessages(storage);
        vdis = new VdiLifecycle(storage);
        // No start-up grace: every instance the tests use is registered before the first call.
        bridge = new XenopsBridge(db, NO_CALL, config(Map.of("suspend.dir", dir.resolve("suspend").toString(),
                "instance.wait.seconds", 0)));
        vms = new VmMessages(bridge, storage);
        vbds = new VbdMessages(bridge, storage);
        vifs = new VifMessages(bridge);
        vmLifecycle = new VmLifecycle(bridge);
        vbdLifecycle = new VbdLifecycle(bridge);
        AtomicReference<Xenops> registered = new AtomicReference<>();
        backend = new SimulatorBackend((Path) null);
        instance = xenopsInstance(dir, registered, QUEUE, "test", socket("test"));
        xenops = registered.get();
        bridge.addXenops(xenops, Map.of(XenopsBridge.QUEUE_PROPERTY, QUEUE));
        this.dir = dir;
    }

    private final SimulatorBackend backend;
    private final Path dir;
    private final java.util.List<Object> more = new java.util.ArrayList<>();

    private static String socket(String name) {
        return "/tmp/jxapi-xvm-" + ProcessHandle.current().pid() + "-" + name + "-" + System.nanoTime() + ".sock";
    }

    /** A second xenops instance over the same simulator backend, followed by the bridge under {@code queue}. */
    Xenops addInstance(String queue) throws Exception {
        AtomicReference<Xenops> registered = new AtomicReference<>();
        String name = "extra" + more.size();
        String socket = socket(name);
        more.add(xenopsInstance(dir, registered, queue, name, socket));
        bridge.addXenops(registered.get(), Map.of(XenopsBridge.QUEUE_PROPERTY, queue,
                XenopsBridge.SOCKET_PROPERTY, socket));
        return registered.get();
    }

    static XapiVmConfig config(Map<String, Object> props) {
        return Converters.standardConverter().convert(props).to(XapiVmConfig.class);
    }

    /** A xenops instance as its DS component makes it, with a context that only records the registration. */
    private Object xenopsInstance(Path dir, AtomicReference<Xenops> registered, String queue, String name,
            String socket) throws Exception {
        BundleContext context = (BundleContext) Proxy.newProxyInstance(TestHost.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (p, m, a) -> {
                    if (m.getName().equals("registerService")) {
                        registered.set((Xenops) a[1]);
                        return Proxy.newProxyInstance(TestHost.class.getClassLoader(),
                                new Class<?>[] {ServiceRegistration.class}, (p2, m2, a2) -> null);
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        Map<String, Object> props = new HashMap<>();
        props.put("queue", queue);
        props.put("socket.path", socket);
        props.put("data.dir", dir.resolve("xenops-" + name).toString());
        props.put("hooks.root", dir.resolve("hooks").toString());
        props.put("metadata.fsync", false);
        props.put("service.pid", "org.jxapi.xenops.instance~" + name);
        Class<?> cfgType = Class.forName("org.jxapi.xenops.server.impl.XenopsInstanceConfig");
        Object cfg = Converters.standardConverter().convert(props).to(cfgType);
        Class<?> type = Class.forName("org.jxapi.xenops.server.impl.XenopsInstance");
        return type.getConstructor(BundleContext.class, cfgType, Map.class,
                org.jxapi.xenops.spi.XenopsBackend.class).newInstance(context, cfg, props, backend);
    }

    /** An SR of the in-memory driver, plugged. */
    Ref<Sr> memorySr() {
        return srs.create(null, host, Map.of("location", "/memory/" + System.nanoTime()), 0, "memory SR", "",
                "memory", "user", false, Map.of());
    }

    /** A halted VM with the fields VM.create would get from a client. */
    Ref<Object> vm(String name) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name_label", name);
        f.put("memory_static_max", 256L << 20);
        f.put("memory_dynamic_max", 256L << 20);
        f.put("memory_dynamic_min", 256L << 20);
        f.put("VCPUs_max", 1L);
        f.put("VCPUs_at_startup", 1L);
        f.put("HVM_boot_policy", "BIOS order");
        return vmLifecycle.create(f, null).cast();
    }

    @Override
    public void close() {
        bridge.close();
        more.add(instance);
        for (Object i : more) {
            try {
                Method deactivate = i.getClass().getDeclaredMethod("deactivate");
                deactivate.setAccessible(true);
                deactivate.invoke(i);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        storage.close();
        mux.close();
        tasks.shutdown();
        db.close();
    }
}
