package org.jxapi.networkd.bridge.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxapi.networkd.api.Kind;
import org.jxapi.networkd.api.NetworkdErrorCode;
import org.jxapi.networkd.api.NetworkdException;
import org.jxapi.networkd.linux.TestNamespace;
import org.osgi.util.converter.Converters;

/** The component built from configuration keys as the feature ships them. */
class LinuxBridgeConfigTest {
    @TempDir
    Path dir;

    @Test
    void theConfiguredNamespaceProtectedAndPhysicalInterfacesAreUsed() {
        String why = TestNamespace.unavailableReason();
        assumeTrue(why == null, () -> "skipped: " + why);
        try (TestNamespace ns = TestNamespace.create()) {
            ns.veth("nic0", "nic0p");
            LinuxBridgeConfig config = Converters.standardConverter().convert(Map.of("netns", ns.name(),
                    "networkd.protected-interfaces", "nic0p", "networkd.physical-interfaces", "nic0",
                    "state.dir", dir.toString())).to(LinuxBridgeConfig.class);
            LinuxBridgeBackend backend = new LinuxBridgeBackend(config);
            assertEquals(Kind.BRIDGE, backend.kind());
            assertTrue(backend.interfaces().state("nic0").physical());
            NetworkdException e = assertThrows(NetworkdException.class,
                    () -> backend.interfaces().setMtu("nic0p", 1400));
            assertEquals(NetworkdErrorCode.INTERFACE_PROTECTED, e.errorCode());
            backend.interfaces().setMtu("nic0", 1400);
            assertEquals(1400, backend.interfaces().state("nic0").mtu());
        }
    }
}
