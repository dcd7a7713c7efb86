package org.jxapi.xenops.server.impl;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jxapi.common.rpc.RpcCall;
import org.jxapi.xenops.api.IpConfiguration;
import org.jxapi.xenops.api.Xenops;
import org.junit.jupiter.api.Test;

/** The one declaration of the xenops calls: complete, unambiguous, and the shapes it names. */
class XenopsCallsTest {
    private static RpcCall call(String name) {
        RpcCall c = XenopsCalls.byName(name);
        assertNotNull(c, name);
        return c;
    }

    @Test
    void everyCallButTheQueueNameIsDeclaredOnceWithItsParameters() {
        Set<String> names = new HashSet<>();
        for (Method m : Xenops.class.getMethods()) {
            if (m.getName().equals("queueName")) {
                continue;
            }
            RpcCall c = XenopsCalls.byMethod(m);
            assertNotNull(c, m.getName() + " has no @XenopsCall");
            assertTrue(names.add(c.name()), c.name() + " declared twice");
            assertTrue(c.names().size() >= m.getParameterCount(), c.name());
            assertEquals(String.class, m.getParameterTypes()[0], c.name() + " takes the debug string first");
        }
        assertEquals(85, names.size());
        assertSame(call("Task.stat"), call("TASK.stat"));
    }

    @Test
    void theDeclarationPicksTheShapesTypesAloneDoNot() {
        IpConfiguration auto = new IpConfiguration(IpConfiguration.Kind.AUTOMATIC, List.of(), null);
        assertEquals("Autoconf6", call("VIF.set_ipv6_configuration").encode(2, auto));
        assertEquals("DHCP4", call("VIF.set_ipv4_configuration").encode(2, auto));
        RpcCall migrate = call("VM.migrate");
        assertEquals(List.of(List.of("vdi", "sr/other")), migrate.encode(2, Map.of("vdi", "sr/other")));
        assertEquals(Map.of("vdi", "sr/other"), migrate.decode(2, List.of(List.of("vdi", "sr/other"))));
        assertEquals(Map.of("vdi", "sr/other"), migrate.decode(2, Map.of("vdi", "sr/other")));
        RpcCall shutdown = call("VM.shutdown");
        for (Object none : new Object[] {null, List.of()}) {
            assertNull(shutdown.decode(2, none));
        }
        assertEquals(1.5, shutdown.decode(2, List.of(1.5)));
        assertEquals(1.5, shutdown.decode(2, 1.5));
        assertThrows(IllegalArgumentException.class, () -> call("VM.build").decode(1, 5L));
        assertEquals(Boolean.FALSE, call("VM.start").decode(2, null), "the original's clients leave false out");
    }
}
