package org.jxapi.networkd.linux;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxapi.networkd.api.Address;
import org.jxapi.networkd.api.Dns;
import org.jxapi.networkd.api.Ipv4Conf;
import org.jxapi.networkd.api.Ipv4Route;
import org.jxapi.networkd.api.Ipv6Conf;
import org.jxapi.networkd.api.NetworkdErrorCode;
import org.jxapi.networkd.api.NetworkdException;
import org.jxapi.networkd.spi.InterfaceState;

/** LinuxInterfaces against a veth pair in a namespace the test makes (root and ip netns needed). */
class LinuxInterfacesTest {
    @TempDir
    Path dir;
    private TestNamespace ns;
    private LinuxInterfaces ifs;

    @BeforeAll
    static void namespacesAvailable() {
        String why = TestNamespace.unavailableReason();
        assumeTrue(why == null, () -> "skipped: " + why);
    }

    @BeforeEach
    void veth() {
        ns = TestNamespace.create();
        ns.veth("va", "vb");
        ifs = new LinuxInterfaces(LinuxSettings.inNamespace(ns.name(), dir));
    }

    @AfterEach
    void teardown() {
        ns.close();
    }

    private LinuxInterfaces with(String protectedList, String resolvConf, String dhclient) {
        return new LinuxInterfaces(new LinuxSettings(ns.name(), protectedList, resolvConf, dir, dhclient, null));
    }

    @Test
    void listsAndReadsTheDevicesOfItsNamespaceOnly() {
        List<String> names = ifs.list();
        assertTrue(names.containsAll(List.of("lo", "va", "vb")), names.toString());
        assertFalse(names.contains("eth0"), "the host's interfaces are not in the test namespace: " + names);
        InterfaceState va = ifs.state("va");
        String mac = ns.exec("cat", "/sys/class/net/va/address").strip();
        assertEquals(mac, va.mac());
        assertEquals(1500, va.mtu());
        assertFalse(va.up());
        assertFalse(va.physical(), "a veth has no device");
        assertEquals("", va.pciBusPath());
        assertFalse(va.link().carrier());
        assertNull(ifs.state("nosuch0"));
    }

    @Test
    void upAndMtuAreApplied() {
        ifs.setUp("va", true);
        ifs.setUp("vb", true);
        ifs.setMtu("va", 1400);
        await().atMost(Duration.ofSeconds(10)).until(() -> ifs.state("va").link().carrier());
        InterfaceState va = ifs.state("va");
        assertTrue(va.up());
        assertEquals(1400, va.mtu());
        assertEquals(10000, va.link().speedMbit(), "a veth reports 10 Gbit/s");
        assertEquals("full", va.link().duplex());
        ifs.setUp("va", false);
        assertFalse(ifs.state("va").up());
    }

    @Test
    void staticIpv4IsExactlyTheGivenAddressesWithTheGateway() {
        ifs.setUp("va", true);
        ifs.setIpv4("va", Ipv4Conf.of(Address.parse("10.91.0.1/24"), Address.parse("10.91.1.1/24")), null);
        assertEquals(List.of(Address.parse("10.91.0.1/24"), Address.parse("10.91.1.1/24")), ifs.state("va").ipv4());
        ifs.setIpv4("va", Ipv4Conf.of(Address.parse("10.91.1.1/24")), "10.91.1.254");
        InterfaceState va = ifs.state("va");
        assertEquals(List.of(Address.parse("10.91.1.1/24")), va.ipv4());
        assertEquals("10.91.1.254", va.ipv4Gateway());
        assertFalse(va.dhcp4());
        ifs.setIpv4Routes("va", List.of(new Ipv4Route("10.92.0.0", 16, "10.91.1.253")));
        assertTrue(ns.exec("ip", "route", "show", "dev", "va").contains("10.92.0.0/16 via 10.91.1.253"));
        ifs.setIpv4("va", Ipv4Conf.NONE, null);
        assertEquals(List.of(), ifs.state("va").ipv4());
        assertNull(ifs.state("va").ipv4Gateway());
    }

    @Test
    void staticIpv6IsExactAndNoneDisablesIt() {
        ifs.setUp("va", true);
        ifs.setIpv6("va", new Ipv6Conf.Static(List.of(Address.parse("fd00:91::1/64"))), null);
        assertEquals(List.of(Address.parse("fd00:91::1/64")), ifs.state("va").ipv6());
        ifs.setIpv6("va", Ipv6Conf.NONE, null);
        assertEquals(List.of(), ifs.state("va").ipv6());
        assertEquals("1", ns.exec("sysctl", "-n", "net.ipv6.conf.va.disable_ipv6").strip());
    }

    @Test
    void aProtectedInterfaceIsNeverChanged() {
        LinuxInterfaces guarded = with("va", "", "");
        NetworkdException e = assertThrows(NetworkdException.class, () -> guarded.setMtu("va", 1400));
        assertEquals(NetworkdErrorCode.INTERFACE_PROTECTED, e.errorCode());
        assertEquals(List.of("va"), e.params());
        assertEquals(1500, guarded.state("va").mtu());
        guarded.setMtu("vb", 1400);
        assertEquals(1400, guarded.state("vb").mtu());
    }

    @Test
    void theHostsDefaultRouteInterfacesAndLoAreProtectedByDefault() {
        // Read-only: detection only lists the root namespace's default routes.
        ProtectedInterfaces p = ProtectedInterfaces.of("", new NetnsRunner("", Duration.ofSeconds(10)));
        assertTrue(p.contains("lo"));
        String routes = new NetnsRunner("", Duration.ofSeconds(10)).ok("ip", "-j", "route", "show", "default");
        if (routes.contains("\"dev\":\"eth0\"")) {
            assertTrue(p.contains("eth0"), p.names().toString());
        }
        assertEquals(java.util.Set.of(), ProtectedInterfaces.of("none", ifs.ip().runner()).names());
    }

    @Test
    void aMissingInterfaceIsDoesNotExist() {
        NetworkdException e = assertThrows(NetworkdException.class, () -> ifs.setUp("nosuch0", true));
        assertEquals(NetworkdErrorCode.DOES_NOT_EXIST, e.errorCode());
    }

    @Test
    void dnsIsWrittenOnlyToTheConfiguredFile() throws Exception {
        NetworkdException e = assertThrows(NetworkdException.class, () -> ifs.setDns(new Dns(List.of("192.0.2.53"),
                List.of())));
        assertEquals(NetworkdErrorCode.NOT_IMPLEMENTED, e.errorCode());
        Path resolv = dir.resolve("resolv.conf");
        LinuxInterfaces withDns = with("", resolv.toString(), "");
        Dns dns = new Dns(List.of("192.0.2.53", "192.0.2.54"), List.of("example.org"));
        withDns.setDns(dns);
        assertEquals(dns, withDns.dns());
        assertTrue(Files.readString(resolv).contains("nameserver 192.0.2.53\n"));
    }

    @Test
    void dhcpWithoutAClientFailsClearly() {
        LinuxInterfaces noClient = with("", "", "/nonexistent/dhclient");
        NetworkdException e = assertThrows(NetworkdException.class, () -> noClient.setIpv4("va", Ipv4Conf.DHCP, null));
        assertEquals(NetworkdErrorCode.SCRIPT_MISSING, e.errorCode());
        assertTrue(e.params().get(0).contains("isc-dhcp-client"), e.params().toString());
    }

    @Test
    void ethtoolOffloadsAreApplied() {
        assumeTrue(NetnsRunner.find("ethtool").isPresent(), "skipped: ethtool is not installed");
        ifs.setEthtool("va", Map.of(), Map.of("tso", "off"));
        assertTrue(ns.exec("ethtool", "-k", "va").contains("tcp-segmentation-offload: off"));
    }

    @Test
    void pciAddressIsTheLastPciComponentOfTheDevicePath() {
        assertEquals("0000:00:03.0", LinuxInterfaces.pciAddress("/sys/devices/pci0000:00/0000:00:03.0/virtio2"));
        assertEquals("", LinuxInterfaces.pciAddress("/sys/devices/virtual/net/va"));
    }
}
