package org.jxapi.bench;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.jxapi.storage.mux.impl.StorageMux;
import org.jxapi.storage.spi.SrDriver;
import org.jxapi.xapi.storage.impl.PbdLifecycle;
import org.jxapi.xapi.storage.impl.SmObjects;
import org.jxapi.xapi.storage.impl.SrMessages;
import org.jxapi.xapi.storage.impl.StorageCore;
import org.jxapi.xapi.storage.impl.VdiLifecycle;
import org.jxapi.xapi.storage.impl.VdiMessages;
import org.jxapi.xapi.vm.impl.Templates;
import org.jxapi.xapi.vm.impl.VbdLifecycle;
import org.jxapi.xapi.vm.impl.VbdMessages;
import org.jxapi.xapi.vm.impl.VifMessages;
import org.jxapi.xapi.vm.impl.VmLifecycle;
import org.jxapi.xapi.vm.impl.VmMessages;
import org.jxapi.xapi.vm.impl.XenopsBridge;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.api.PbdApi;
import org.jxapi.xenapi.model.api.SrApi;
import org.jxapi.xenapi.model.api.VbdApi;
import org.jxapi.xenapi.model.api.VdiApi;
import org.jxapi.xenapi.model.api.VifApi;
import org.jxapi.xenapi.model.api.VmApi;
import org.jxapi.xenops.api.Xenops;
import org.jxapi.xenops.simulator.impl.SimulatorBackend;
import org.jxapi.xenops.spi.XenopsBackend;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.converter.Converters;

/**
 * The whole XenAPI path of VMs and storage in this JVM, wired as the distribution wires it but
 * without Karaf: the server of {@link InProcessServer} (durable database, Jetty), the xapi VM and
 * storage components registered with it, the storage multiplexer with the file SR driver, and one
 * xenops instance over the simulator with the distribution's settings (metadata fsync off).
 */
final class XapiHarness implements AutoCloseable {
    static final String QUEUE = "org.xen.xapi.xenops.simulator";

    final InProcessServer srv;
    final StorageMux mux = new StorageMux();
    final StorageCore storage;
    final XenopsBridge bridge;
    private final Object xenopsInstance;

    XapiHarness(Path dir) throws Exception {
        srv = new InProcessServer(dir);
        srv.db.write(tx -> {
            Ref<Object> host = tx.create("host", Map.of("name_label", "bench-host", "enabled", true));
            tx.create("pool", Map.of("master", host));
            return null;
        });
        mux.addDriver(fileDriver(), Map.of("sr.type", "file"));
        storage = new StorageCore(srv.db, mux, srv.core, srv.core);
        SmObjects sm = new SmObjects(srv.db);
        mux.addListener(sm);
        sm.bindStorage(mux);
        // The components' configuration types are private to their bundle: found by name.
        Class<?> vmConfig = Class.forName("org.jxapi.xapi.vm.impl.XapiVmConfig");
        Object vmCfg = config(vmConfig.getName(), Map.of("suspend.dir", dir.resolve("suspend").toString()));
        bridge = XenopsBridge.class.getConstructor(org.jxapi.db.Database.class, org.jxapi.api.CallContexts.class,
                vmConfig).newInstance(srv.db, srv.core, vmCfg);
        var reg = srv.core.explicit();
        long id = 1000;
        reg.add(new VmMessages(bridge, storage), VmApi.class, 0, id++);
        reg.add(new VbdMessages(bridge, storage), VbdApi.class, 0, id++);
        reg.add(new VifMessages(bridge), VifApi.class, 0, id++);
        SrMessages srs = new SrMessages(storage);
        reg.add(srs, SrApi.class, 0, id++);
        reg.add(srs, PbdApi.class, 0, id++);
        reg.add(new VdiMessages(storage), VdiApi.class, 0, id++);
        reg.addLifecycle(new VmLifecycle(bridge), "VM", 0, id++);
        reg.addLifecycle(new VbdLifecycle(bridge), "VBD", 0, id++);
        reg.addLifecycle(new VdiLifecycle(storage), "VDI", 0, id++);
        reg.addLifecycle(new PbdLifecycle(srv.db), "PBD", 0, id++);
        Templates.class.getConstructor(org.jxapi.db.Database.class, vmConfig).newInstance(srv.db, vmCfg);
        AtomicReference<Xenops> registered = new AtomicReference<>();
        xenopsInstance = xenopsInstance(dir, registered, new SimulatorBackend((Path) null), QUEUE, "bench");
        bridge.addXenops(registered.get(), Map.of("xenops.queue", QUEUE));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (srv.db.snapshot().table("SM").size() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    static Object config(String type, Map<String, Object> props) throws ClassNotFoundException {
        return Converters.standardConverter().convert(props).to(Class.forName(type));
    }

    private static SrDriver fileDriver() throws Exception {
        Class<?> cfg = Class.forName("org.jxapi.sm.file.impl.FileSrConfig");
        Class<?> type = Class.forName("org.jxapi.sm.file.impl.FileSrDriver");
        return (SrDriver) type.getConstructor(cfg).newInstance(config(cfg.getName(), Map.of()));
    }

    /** A xenops instance as its DS component makes it, with a context that only records the registration. */
    static Object xenopsInstance(Path dir, AtomicReference<Xenops> registered, XenopsBackend backend, String queue,
            String name) throws Exception {
        ClassLoader cl = XapiHarness.class.getClassLoader();
        BundleContext context = (BundleContext) Proxy.newProxyInstance(cl, new Class<?>[] {BundleContext.class},
                (p, m, a) -> {
                    if (m.getName().equals("registerService")) {
                        registered.set((Xenops) a[1]);
                        return Proxy.newProxyInstance(cl, new Class<?>[] {ServiceRegistration.class},
                                (p2, m2, a2) -> null);
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        Map<String, Object> props = new HashMap<>();
        props.put("queue", queue);
        props.put("socket.path", "/tmp/jxapi-" + name + "-" + ProcessHandle.current().pid() + ".sock");
        props.put("data.dir", dir.resolve("xenops-" + name).toString());
        props.put("hooks.root", dir.resolve("hooks").toString());
        props.put("service.pid", "org.jxapi.xenops.instance~" + name);
        // As the distribution ships it unless the run says otherwise (-Dbench.metadata.fsync=true).
        props.put("metadata.fsync", Boolean.parseBoolean(System.getProperty("bench.metadata.fsync", "false")));
        Class<?> cfgType = Class.forName("org.jxapi.xenops.server.impl.XenopsInstanceConfig");
        Class<?> type = Class.forName("org.jxapi.xenops.server.impl.XenopsInstance");
        return type.getConstructor(BundleContext.class, cfgType, Map.class, XenopsBackend.class)
                .newInstance(context, config(cfgType.getName(), props), props, backend);
    }

    int port() {
        return srv.port();
    }

    @Override
    public void close() throws Exception {
        bridge.close();
        Method deactivate = xenopsInstance.getClass().getDeclaredMethod("deactivate");
        deactivate.setAccessible(true);
        deactivate.invoke(xenopsInstance);
        storage.close();
        mux.close();
        srv.close();
    }
}
