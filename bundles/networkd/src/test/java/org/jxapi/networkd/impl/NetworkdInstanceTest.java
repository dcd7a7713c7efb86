package org.jxapi.networkd.impl;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jxapi.networkd.api.InterfaceConfig;
import org.jxapi.networkd.api.Kind;
import org.jxapi.networkd.api.Networkd;
import org.jxapi.networkd.api.NetworkdErrorCode;
import org.jxapi.networkd.api.NetworkdException;
import org.jxapi.networkd.simulator.impl.SimulatorBackend;
import org.jxapi.networkd.spi.NetworkBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.converter.Converters;

class NetworkdInstanceTest {
    @TempDir
    Path dir;
    final Map<String, Object> registered = new HashMap<>();
    Object service;

    /** Just enough of a BundleContext: it records the one registration. */
    private BundleContext context() {
        ServiceRegistration<?> reg = (ServiceRegistration<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServiceRegistration.class}, (p, m, a) -> null);
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (p, m, a) -> {
                    if (m.getName().equals("registerService")) {
                        service = a[1];
                        Dictionary<?, ?> d = (Dictionary<?, ?>) a[2];
                        for (var keys = d.keys(); keys.hasMoreElements();) {
                            Object k = keys.nextElement();
                            registered.put((String) k, d.get(k));
                        }
                        return reg;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    private NetworkdInstance activate(Map<String, Object> props, NetworkBackend backend) throws Exception {
        NetworkdConfig config = Converters.standardConverter().convert(props).to(NetworkdConfig.class);
        return new NetworkdInstance(context(), config, props,
                Map.entry(Map.<String, Object>of("networkd.backend", "simulator"), backend));
    }

    @Test
    void anInstanceIsNamedAfterItsPidAndRegisteredWithItsName() throws Exception {
        Path db = dir.resolve("net").resolve("networkd.db");
        NetworkdInstance i = activate(Map.of("service.pid", "org.jxapi.networkd~lab", "db.path", db.toString(),
                "socket.path", dir.resolve("lab.sock").toString(), "netns", "jxtest0"), SimulatorBackend.create());
        assertEquals(dir.resolve("lab.sock").toAbsolutePath().toString(), registered.get("networkd.socket"));
        assertEquals("lab", registered.get(NetworkdInstance.INSTANCE_PROPERTY));
        assertEquals("jxtest0", registered.get("networkd.netns"));
        Networkd n = (Networkd) service;
        assertEquals("lab", n.instanceName());
        assertEquals(Kind.OPENVSWITCH, n.getDiagnostics("t").kind());
        assertEquals("simulator", n.getDiagnostics("t").backend());
        n.bridgeCreate("t", null, null, null, Map.of(), "xenbr0");
        assertTrue(Files.exists(db), "networkd.db is made where configured");
        i.deactivate();
    }

    @Test
    void aConfiguredProtectedInterfaceIsRefusedAndLeftAsItWas() throws Exception {
        SimulatorBackend sim = SimulatorBackend.create();
        NetworkdInstance i = activate(Map.of("service.pid", "org.jxapi.networkd~p", "db.path",
                dir.resolve("p.db").toString(), "socket.path", dir.resolve("p.sock").toString(),
                "protected.interfaces", "sim0", "netns", "jxtest0"), sim);
        Networkd n = (Networkd) service;
        NetworkdException e = assertThrows(NetworkdException.class, () -> n.interfaceMakeConfig("t", false,
                Map.of("sim0", InterfaceConfig.DEFAULT.withMtu(9000))));
        assertEquals(NetworkdErrorCode.INTERFACE_PROTECTED, e.errorCode());
        assertEquals(1500, sim.interfaces().state("sim0").mtu());
        assertEquals(List.of(), sim.changes());
        i.deactivate();
    }

    @Test
    void theExplicitInstanceNameWinsOverThePid() {
        assertEquals("x", NetworkdInstance.instanceName(Map.of("instance", "x", "service.pid", "a~b"), "default"));
        assertEquals("b", NetworkdInstance.instanceName(Map.of("service.pid", "a~b"), "default"));
        assertEquals("default", NetworkdInstance.instanceName(Map.of(), "default"));
    }
}
