package org.jxapi.networkd.spi;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.jxapi.networkd.api.Address;
import org.jxapi.networkd.api.Ipv4Conf;
import org.jxapi.networkd.api.Ipv6Conf;
import org.jxapi.networkd.api.NetworkdErrorCode;
import org.junit.jupiter.api.Test;

/** What a backend's {@link InterfaceBackend} must do, as the engine relies on it. */
public abstract class InterfaceContract extends BackendContractSupport {
    private InterfaceBackend ifs() {
        return backend.interfaces();
    }

    @Test
    public void theSpareNicsAreListedAsPhysicalAndAMissingOneHasNoState() {
        assertTrue(ifs().list().containsAll(List.of(spare(0), spare(1))), () -> "list: " + ifs().list());
        InterfaceState s = ifs().state(spare(0));
        assertNotNull(s);
        assertTrue(s.physical());
        assertNotNull(s.mac());
        assertNotNull(s.link());
        assertNull(ifs().state(uniqueName("n")));
    }

    @Test
    public void setMtuChangesTheMtuAndFailsForAMissingInterface() {
        ifs().setMtu(spare(0), 1400);
        assertEquals(1400, ifs().state(spare(0)).mtu());
        assertNetworkdError(NetworkdErrorCode.DOES_NOT_EXIST, () -> ifs().setMtu(uniqueName("n"), 1400));
    }

    @Test
    public void setUpBringsTheInterfaceUpAndDownAndFailsForAMissingOne() {
        ifs().setUp(spare(0), true);
        assertTrue(ifs().state(spare(0)).up());
        ifs().setUp(spare(0), false);
        assertFalse(ifs().state(spare(0)).up());
        assertNetworkdError(NetworkdErrorCode.DOES_NOT_EXIST, () -> ifs().setUp(uniqueName("n"), true));
    }

    @Test
    public void staticIpv4MakesTheAddressesExactlyTheseAndFailsForAMissingInterface() {
        Address a = Address.parse("192.0.2.10/24");
        Address b = Address.parse("192.0.2.11/24");
        Address c = Address.parse("192.0.2.12/24");
        ifs().setIpv4(spare(0), Ipv4Conf.of(a, b), null);
        assertEquals(List.of(a, b), sorted(ifs().state(spare(0)).ipv4()));
        ifs().setIpv4(spare(0), Ipv4Conf.of(c), null);
        assertEquals(List.of(c), ifs().state(spare(0)).ipv4());
        ifs().setIpv4(spare(0), Ipv4Conf.NONE, null);
        assertEquals(List.of(), ifs().state(spare(0)).ipv4());
        assertNetworkdError(NetworkdErrorCode.DOES_NOT_EXIST,
                () -> ifs().setIpv4(uniqueName("n"), Ipv4Conf.of(a), null));
    }

    @Test
    public void staticIpv6AddsTheAddressAndFailsForAMissingInterface() {
        Address a = Address.parse("2001:db8::10/64");
        ifs().setIpv6(spare(1), new Ipv6Conf.Static(List.of(a)), null);
        assertTrue(ifs().state(spare(1)).ipv6().contains(a), () -> "ipv6: " + ifs().state(spare(1)).ipv6());
        ifs().setIpv6(spare(1), Ipv6Conf.NONE, null);
        assertFalse(ifs().state(spare(1)).ipv6().contains(a));
        assertNetworkdError(NetworkdErrorCode.DOES_NOT_EXIST,
                () -> ifs().setIpv6(uniqueName("n"), new Ipv6Conf.Static(List.of(a)), null));
    }

    private static List<Address> sorted(List<Address> as) {
        return as.stream().sorted(java.util.Comparator.comparing(Address::toString)).toList();
    }
}
