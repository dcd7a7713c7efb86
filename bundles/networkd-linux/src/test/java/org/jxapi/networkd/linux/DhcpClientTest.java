package org.jxapi.networkd.linux;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxapi.common.exec.CommandException;
import org.jxapi.common.exec.ExternalCommand;
import org.jxapi.common.exec.RunningCommand;
import org.jxapi.networkd.api.Dns;
import org.jxapi.networkd.api.Ipv4Conf;

/**
 * Interface.set_ipv4_conf DHCP for real: dnsmasq serves one end of a veth in the test's namespace,
 * dhclient (started by LinuxInterfaces) gets a lease on the other, and stopping it takes the address away.
 */
class DhcpClientTest {
    @TempDir
    Path dir;
    private TestNamespace ns;
    private RunningCommand server;

    @BeforeEach
    void dhcpServer() {
        String why = TestNamespace.unavailableReason();
        assumeTrue(why == null, () -> "skipped: " + why);
        assumeTrue(NetnsRunner.find("dhclient").isPresent(), "skipped: dhclient (isc-dhcp-client) is not installed");
        assumeTrue(NetnsRunner.find("dnsmasq").isPresent(), "skipped: dnsmasq (dnsmasq-base) is not installed");
        ns = TestNamespace.create();
        ns.veth("va", "vb");
        ns.exec("ip", "addr", "add", "10.94.0.1/24", "dev", "vb");
        ns.exec("ip", "link", "set", "dev", "vb", "up");
        server = ExternalCommand.of("ip", "netns", "exec", ns.name(), "dnsmasq", "--no-daemon", "--conf-file=/dev/null",
                "--interface=vb", "--bind-interfaces", "--except-interface=lo", "--port=0",
                "--dhcp-range=10.94.0.50,10.94.0.60,255.255.255.0,1h", "--dhcp-option=3,10.94.0.1",
                "--dhcp-option=6,192.0.2.53", "--dhcp-leasefile=" + dir.resolve("dnsmasq.leases"), "--pid-file=")
                .withoutTimeout().start();
    }

    @AfterEach
    void stop() throws Exception {
        try {
            stopProcesses();
        } finally {
            if (ns != null) {
                ns.close();
            }
        }
    }

    private void stopProcesses() throws Exception {
        if (server != null) {
            server.cancel();
            try {
                server.await();
            } catch (CommandException expected) {
                // cancelled: dnsmasq was killed, as asked
            }
        }
        // A client left behind by a failed test: stopped by the pid its pid file names.
        Path pidFile = dir.resolve("dhcp").resolve("dhclient-4-va.pid");
        if (Files.isRegularFile(pidFile)) {
            String pid = Files.readString(pidFile).strip();
            if (pid.matches("\\d+") && Files.exists(Path.of("/proc", pid))) {
                ExternalCommand.of("kill", pid).withTimeout(Duration.ofSeconds(5)).run();
            }
        }
    }

    @Test
    void dhcpGetsALeaseWithGatewayAndDnsAndStaticStopsTheClient() {
        Path resolv = dir.resolve("resolv.conf");
        LinuxInterfaces ifs = new LinuxInterfaces(new LinuxSettings(ns.name(), "", resolv.toString(), dir, "", null));
        ifs.setUp("va", true);
        ifs.setIpv4("va", Ipv4Conf.DHCP, null);
        assertTrue(ifs.state("va").dhcp4(), "the client runs");
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(300))
                .until(() -> !ifs.state("va").ipv4().isEmpty());
        String got = ifs.state("va").ipv4().get(0).address();
        assertTrue(got.startsWith("10.94.0.5") || got.equals("10.94.0.60"), got);
        assertEquals("10.94.0.1", ifs.state("va").ipv4Gateway());
        await().atMost(Duration.ofSeconds(10)).until(() -> ifs.dns().equals(new Dns(List.of("192.0.2.53"), List.of())));

        ifs.setIpv4("va", Ipv4Conf.NONE, null);
        assertFalse(ifs.state("va").dhcp4(), "the client is stopped");
        assertEquals(List.of(), ifs.state("va").ipv4());
    }
}
