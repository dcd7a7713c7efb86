package org.jxapi.xenops.server.impl;

import static org.jxapi.xenops.server.impl.Fixture.DBG;
import static org.jxapi.xenops.server.impl.Fixture.success;
import static org.junit.jupiter.api.Assertions.*;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jxapi.common.net.UnixSocketPath;
import org.jxapi.xenops.api.PowerState;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.Xenops;
import org.jxapi.xenops.api.XenopsErrorCode;
import org.jxapi.xenops.api.XenopsException;
import org.jxapi.xenops.simulator.impl.SimulatorBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.converter.Converters;

/**
 * The DS component: instances made from factory configurations, side by side over one backend,
 * each with its own queue name, service registration, socket and data.
 */
class XenopsInstanceTest {
    @TempDir
    Path dir;
    private final List<XenopsInstance> instances = new ArrayList<>();
    private final List<Map<String, Object>> registered = new ArrayList<>();
    private final List<XenopsClient> clients = new ArrayList<>();

    @AfterEach
    void tearDown() {
        clients.forEach(XenopsClient::close);
        instances.forEach(XenopsInstance::deactivate);
    }

    /** A BundleContext that only records service registrations: all the component asks of it. */
    private BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("registerService")) {
                        Dictionary<?, ?> d = (Dictionary<?, ?>) args[2];
                        Map<String, Object> props = new HashMap<>();
                        for (var e = d.keys(); e.hasMoreElements();) {
                            Object k = e.nextElement();
                            props.put((String) k, d.get(k));
                        }
                        props.put("objectClass", args[0]);
                        props.put("service", args[1]);
                        registered.add(props);
                        return Proxy.newProxyInstance(getClass().getClassLoader(),
                                new Class<?>[] {ServiceRegistration.class}, (p2, m2, a2) -> {
                                    if (m2.getName().equals("unregister")) {
                                        registered.remove(props);
                                    }
                                    return null;
                                });
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private XenopsInstance instance(String name, Map<String, Object> config, SimulatorBackend backend)
            throws Exception {
        Map<String, Object> props = new HashMap<>(config);
        props.put("service.pid", "org.jxapi.xenops.instance~" + name);
        props.put("hooks.root", dir.resolve("hooks").toString());
        XenopsInstanceConfig c = Converters.standardConverter().convert(props).to(XenopsInstanceConfig.class);
        XenopsInstance i = new XenopsInstance(context(), c, props, backend);
        instances.add(i);
        return i;
    }

    @Test
    void twoInstancesOverOneBackendManageDisjointVms() throws Exception {
        SimulatorBackend sim = new SimulatorBackend((Path) null);
        XenopsInstance a = instance("a", Map.of("queue", "org.xen.xapi.xenops.a", "socket.path", "/tmp/jxapi-it-a-"
                + ProcessHandle.current().pid() + ".sock", "data.dir", dir.resolve("a").toString()), sim);
        XenopsInstance b = instance("b", Map.of("queue", "org.xen.xapi.xenops.b", "socket.path", "/tmp/jxapi-it-b-"
                + ProcessHandle.current().pid() + ".sock", "data.dir", dir.resolve("b").toString()), sim);
        assertEquals(List.of("org.xen.xapi.xenops.a", "org.xen.xapi.xenops.b"),
                registered.stream().map(r -> (String) r.get(XenopsInstance.QUEUE_PROPERTY)).sorted().toList());
        assertEquals(Xenops.class, registered.get(0).get("objectClass"));

        XenopsClient ca = XenopsClient.connect(a.socket(), "a");
        XenopsClient cb = XenopsClient.connect(b.socket(), "b");
        clients.add(ca);
        clients.add(cb);
        ca.vmAdd(DBG, Vm.builder("only-in-a").build());
        success(ca, ca.vmStart(DBG, "only-in-a", false));
        assertTrue(ca.vmExists(DBG, "only-in-a"));
        assertFalse(cb.vmExists(DBG, "only-in-a"), "b does not see a's VM");
        assertTrue(cb.vmList(DBG).isEmpty());
        XenopsException e = assertThrows(XenopsException.class, () -> cb.vmStart(DBG, "only-in-a", false));
        assertEquals(XenopsErrorCode.DOES_NOT_EXIST, e.errorCode());
        // A guest event on a's VM reaches both instances; only a acts on it.
        ca.debugTrigger(DBG, "halt", List.of("only-in-a"));
        SerialisationTest.await(() -> ca.vmStat(DBG, "only-in-a").state().powerState() == PowerState.HALTED);
        assertTrue(Files.exists(dir.resolve("a/VM/only-in-a/config")));
        assertFalse(Files.exists(dir.resolve("b/VM/only-in-a")));
        assertNotEquals(ca.query(DBG).instanceId(), cb.query(DBG).instanceId());

        b.deactivate();
        instances.remove(b);
        assertFalse(Files.exists(b.socket()), "the socket goes with the instance");
        assertEquals(1, registered.size());
    }

    @Test
    void defaultsComeFromKarafDataAndTooLongSocketPathsAreShortened() throws Exception {
        Path data = dir.resolve("k".repeat(60)).resolve("d".repeat(60));
        String old = System.getProperty("karaf.data");
        System.setProperty("karaf.data", data.toString());
        try {
            XenopsInstance i = instance("simulator", Map.of(), new SimulatorBackend((Path) null));
            assertEquals("org.xen.xapi.xenops.simulator", registered.get(0).get(XenopsInstance.QUEUE_PROPERTY));
            assertTrue(i.socket().toString().startsWith("/tmp/jxapi-xenops-"), i.socket().toString());
            assertTrue(i.socket().toString().length() <= UnixSocketPath.MAX_BYTES);
            i.service().vmAdd(DBG, Vm.builder("v").build());
            assertTrue(Files.exists(data.resolve("jxapi/xenops/simulator/VM/v/config")));
            XenopsClient c = XenopsClient.connect(i.socket(), "simulator");
            clients.add(c);
            assertTrue(c.vmExists(DBG, "v"));
        } finally {
            if (old == null) {
                System.clearProperty("karaf.data");
            } else {
                System.setProperty("karaf.data", old);
            }
        }
    }

    @Test
    void theInstanceNameComesFromTheFactoryPid() {
        assertEquals("classic", XenopsInstance.instanceName(Map.of("service.pid", "org.jxapi.xenops.instance~classic"),
                "org.xen.xapi.xenops.x"));
        assertEquals("x", XenopsInstance.instanceName(Map.of(), "org.xen.xapi.xenops.x"));
        Path shortEnough = Path.of("/tmp/a.sock");
        assertEquals(shortEnough, XenopsInstance.socketPath(shortEnough));
    }
}
