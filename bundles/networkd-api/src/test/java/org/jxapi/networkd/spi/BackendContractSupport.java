package org.jxapi.networkd.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.jxapi.networkd.api.Ipv4Conf;
import org.jxapi.networkd.api.NetworkdErrorCode;
import org.jxapi.networkd.api.NetworkdException;
import org.jxapi.networkd.api.Vlan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.function.Executable;

/**
 * What the per-part contracts share: a backend per test, two spare physical NICs the tests may put
 * on bridges, address and bring up and down, names of their own for what they create, and a clean-up
 * that destroys every bridge they made and gives the spare NICs back their MTU, IPv4 addresses and
 * up state. A real backend's subclass configures the backend for a network namespace it created.
 */
public abstract class BackendContractSupport {
    protected NetworkBackend backend;
    private final List<String> bridgesMade = new ArrayList<>();
    private final Map<String, InterfaceState> sparesBefore = new LinkedHashMap<>();

    /** A backend that works in the test's own namespace and switch database. */
    protected abstract NetworkBackend createBackend() throws Exception;

    /** Two physical interfaces, carrying nothing the machine needs, that the tests may change. */
    protected abstract List<String> spareInterfaces();

    /** Called after each test's clean-up; a real backend stops what it started for the test. */
    protected void closeBackend(NetworkBackend b) throws Exception {
    }

    /** False for a backend whose kernel has no VLAN devices: VLAN tests then expect Kernel_feature_missing. */
    protected boolean supportsVlans() {
        return true;
    }

    /** False for a backend whose kernel has no bonding: bond tests then expect Kernel_feature_missing. */
    protected boolean supportsBonds() {
        return true;
    }

    @BeforeEach
    public final void setUpBackend() throws Exception {
        backend = createBackend();
        for (String nic : spareInterfaces()) {
            sparesBefore.put(nic, backend.interfaces().state(nic));
        }
    }

    @AfterEach
    public final void cleanUp() throws Exception {
        try {
            // Children (VLAN bridges) first, then their parents.
            List<String> reversed = new ArrayList<>(bridgesMade);
            java.util.Collections.reverse(reversed);
            for (String b : reversed) {
                try {
                    backend.bridges().destroy(b, true);
                } catch (RuntimeException e) {
                    // the test destroyed it already, or its parent took it along
                }
            }
            for (Map.Entry<String, InterfaceState> e : sparesBefore.entrySet()) {
                InterfaceState s = e.getValue();
                if (s == null) {
                    continue;
                }
                InterfaceBackend ifs = backend.interfaces();
                ifs.setMtu(s.name(), s.mtu());
                ifs.setIpv4(s.name(), s.ipv4().isEmpty() ? Ipv4Conf.NONE : new Ipv4Conf.Static(s.ipv4()), null);
                ifs.setUp(s.name(), s.up());
            }
        } finally {
            closeBackend(backend);
        }
    }

    protected String spare(int i) {
        return spareInterfaces().get(i);
    }

    /** A name no system has yet, at most 15 characters (Linux's limit). */
    protected static String uniqueName(String prefix) {
        byte[] b = new byte[3];
        ThreadLocalRandom.current().nextBytes(b);
        return "jxc" + prefix + HexFormat.of().formatHex(b);
    }

    /** A new bridge, destroyed after the test. */
    protected String newBridge() {
        String name = uniqueName("b");
        backend.bridges().create(name, null, null, null, Map.of());
        bridgesMade.add(name);
        return name;
    }

    /** A new VLAN bridge of {@code parent}, destroyed after the test. */
    protected String newVlanBridge(String parent, int tag) {
        String name = uniqueName("v");
        bridgesMade.add(name);
        backend.bridges().create(name, new Vlan(parent, tag), null, null, Map.of());
        return name;
    }

    protected static NetworkdException assertNetworkdError(NetworkdErrorCode code, Executable call) {
        NetworkdException e = assertThrows(NetworkdException.class, call);
        assertEquals(code, e.errorCode(), () -> "expected " + code.wireName() + ", got " + e.getMessage());
        return e;
    }
}
