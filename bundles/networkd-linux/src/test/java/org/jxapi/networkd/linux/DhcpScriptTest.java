package org.jxapi.networkd.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxapi.common.exec.CommandResult;
import org.jxapi.common.exec.ExternalCommand;
import org.jxapi.networkd.api.Address;
import org.jxapi.networkd.api.Dns;

/** networkd's dhclient script, run as dhclient runs it (reason and lease in the environment) in a test namespace. */
class DhcpScriptTest {
    @TempDir
    Path dir;

    private static void event(TestNamespace ns, Path script, Map<String, String> env) {
        ExternalCommand c = ExternalCommand.of("ip", "netns", "exec", ns.name(), script.toString())
                .withTimeout(Duration.ofSeconds(20));
        for (Map.Entry<String, String> e : env.entrySet()) {
            c = c.withEnv(e.getKey(), e.getValue());
        }
        CommandResult r = c.run();
        assertTrue(r.ok(), r.stderr());
    }

    @Test
    void aLeaseSetsAddressGatewayAndOnlyTheConfiguredResolvConfAndItsExpiryRemovesTheAddress() throws Exception {
        String why = TestNamespace.unavailableReason();
        assumeTrue(why == null, () -> "skipped: " + why);
        Path etcResolv = Path.of("/etc/resolv.conf");
        String before = Files.isRegularFile(etcResolv) ? Files.readString(etcResolv) : null;
        Path resolv = dir.resolve("resolv.conf");
        Path script = DhcpScript.install(dir.resolve("dhcp"));
        try (TestNamespace ns = TestNamespace.create()) {
            ns.veth("va", "vb");
            LinuxInterfaces ifs = new LinuxInterfaces(LinuxSettings.inNamespace(ns.name(), dir));
            event(ns, script, Map.of("reason", "PREINIT", "interface", "va"));
            event(ns, script, Map.of("reason", "BOUND", "interface", "va", "new_ip_address", "10.93.0.5",
                    "new_subnet_mask", "255.255.255.0", "new_routers", "10.93.0.1", "new_domain_name_servers",
                    "192.0.2.53 192.0.2.54", "new_domain_name", "example.org", "JXAPI_RESOLV_CONF", resolv.toString()));
            assertEquals(List.of(Address.parse("10.93.0.5/24")), ifs.state("va").ipv4());
            assertEquals("10.93.0.1", ifs.state("va").ipv4Gateway());
            assertEquals(new Dns(List.of("192.0.2.53", "192.0.2.54"), List.of("example.org")), ResolvConf.read(resolv));

            event(ns, script, Map.of("reason", "EXPIRE", "interface", "va", "old_ip_address", "10.93.0.5",
                    "old_subnet_mask", "255.255.255.0"));
            assertEquals(List.of(), ifs.state("va").ipv4());
            assertNull(ifs.state("va").ipv4Gateway());
            assertFalse(ifs.state("va").dhcp4(), "no client was started");
        }
        assertEquals(before, Files.isRegularFile(etcResolv) ? Files.readString(etcResolv) : null,
                "the machine's resolv.conf is untouched");
    }
}
