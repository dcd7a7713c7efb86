package org.jxapi.networkd.impl;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.jxapi.networkd.api.NetworkdErrorCode;
import org.jxapi.networkd.api.NetworkdException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProtectedInterfacesTest {
    @TempDir
    Path procNet;

    private void routes() throws Exception {
        Files.writeString(procNet.resolve("route"), """
                Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
                eth0\t00000000\t0100000A\t0003\t0\t0\t0\t00000000\t0\t0\t0
                eth0\t0000000A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0
                br9\t0000A8C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0
                """);
        Files.writeString(procNet.resolve("ipv6_route"), """
                00000000000000000000000000000000 00 00000000000000000000000000000000 00 fe800000000000000000000000000001 00000400 00000001 00000000 00000003 wlan1
                00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200 lo
                """);
    }

    @Test
    void defaultRouteIsTheInterfacesOfTheHostsDefaultRoutes() throws Exception {
        routes();
        ProtectedInterfaces p = ProtectedInterfaces.of("default-route, extra0", "", procNet);
        assertEquals(Set.of("eth0", "wlan1", "extra0", "lo"), p.names(), "and lo, always in the host's namespace");
        NetworkdException e = assertThrows(NetworkdException.class, () -> p.check("br9", "eth0"));
        assertEquals(NetworkdErrorCode.INTERFACE_PROTECTED, e.errorCode());
        assertEquals(NetworkdErrorCode.INTERFACE_PROTECTED,
                assertThrows(NetworkdException.class, p::checkDns).errorCode(), "the host's resolv.conf too");
        p.check("br9");
    }

    @Test
    void inANamespaceOfItsOwnOnlyTheNamedOnesAreProtected() throws Exception {
        routes();
        ProtectedInterfaces p = ProtectedInterfaces.of("default-route,veth7", "jxtest1", procNet);
        assertEquals(Set.of("veth7"), p.names());
        p.checkDns();
        p.check("eth0");
    }

    @Test
    void emptyProtectsOnlyTheHostsLoopback() throws Exception {
        routes();
        ProtectedInterfaces p = ProtectedInterfaces.of("", "", procNet);
        assertEquals(Set.of("lo"), p.names());
        p.checkDns();
        assertEquals(Set.of(), ProtectedInterfaces.of("", "jxtest1", procNet).names());
    }

    @Test
    void addressedIsExpandedOnlyInTheHostsNamespace() throws Exception {
        routes();
        assertTrue(ProtectedInterfaces.of("addressed", "", procNet).wantsAddressed());
        assertFalse(ProtectedInterfaces.of("addressed", "jxtest1", procNet).wantsAddressed());
        ProtectedInterfaces p = ProtectedInterfaces.of("addressed", "", procNet).withAddressed(Set.of("docker0"));
        assertEquals(Set.of("lo", "docker0"), p.names());
        assertThrows(NetworkdException.class, p::checkDns);
    }
}
