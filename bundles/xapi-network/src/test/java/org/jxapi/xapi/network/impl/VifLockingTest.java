package org.jxapi.xapi.network.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxapi.networkd.api.VifLocking;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.types.NetworkDefaultLockingMode;
import org.jxapi.xenapi.model.types.VifIpv4ConfigurationMode;
import org.jxapi.xenapi.model.types.VifIpv6ConfigurationMode;
import org.jxapi.xenapi.model.types.VifLockingMode;

/** VIF locking, allowed addresses, guest addresses and move, on VIFs of a halted VM (no port to change). */
class VifLockingTest {
    @TempDir
    Path dir;
    NetworkTestHost h;
    Ref<Object> net;
    Ref<Object> vif;

    @BeforeEach
    void start() throws Exception {
        h = new NetworkTestHost(dir, null);
        net = h.network("guests");
        vif = h.db.write(tx -> {
            Ref<Object> vm = tx.create("VM", Map.of("name_label", "vm"));
            return tx.create("VIF", Map.of("VM", vm, "network", net, "device", "0", "MAC", "02:00:00:00:00:aa"));
        });
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    @Test
    void lockingModeAndAllowedAddressesAreKept() {
        h.call("VIF.set_locking_mode", vif, VifLockingMode.LOCKED);
        h.call("VIF.set_ipv4_allowed", vif, Set.of("192.0.2.5"));
        h.call("VIF.add_ipv4_allowed", vif, "192.0.2.6");
        h.call("VIF.remove_ipv4_allowed", vif, "192.0.2.5");
        h.call("VIF.add_ipv6_allowed", vif, "2001:db8::5");
        assertEquals(VifLockingMode.LOCKED, h.field("VIF", vif, "locking_mode"));
        assertEquals(Set.of("192.0.2.6"), h.field("VIF", vif, "ipv4_allowed"));
        VifLocking l = VifLocks.effective(h.db.snapshot(), h.db.snapshot().require("VIF", vif));
        assertEquals(new VifLocking(VifLocking.Mode.LOCKED, List.of("192.0.2.6"), List.of("2001:db8::5")), l);
        assertEquals(List.of("INVALID_IP_ADDRESS_SPECIFIED", "ipv4_allowed"), h.error("VIF.set_ipv4_allowed", vif, Set.of("300.1.1.1")));
        assertEquals(List.of("INVALID_IP_ADDRESS_SPECIFIED", "value"), h.error("VIF.add_ipv6_allowed", vif, "nope"));
    }

    @Test
    void networkDefaultFollowsTheNetworksDefaultLockingMode() {
        h.call("VIF.set_locking_mode", vif, VifLockingMode.NETWORK_DEFAULT);
        assertEquals(VifLocking.UNLOCKED, VifLocks.effective(h.db.snapshot(), h.db.snapshot().require("VIF", vif)));
        h.call("network.set_default_locking_mode", net, NetworkDefaultLockingMode.DISABLED);
        assertEquals(VifLocking.Mode.DISABLED, VifLocks.effective(h.db.snapshot(), h.db.snapshot().require("VIF", vif)).mode());
    }

    @Test
    void configureIpv4AndIpv6KeepTheGuestsStaticAddresses() {
        h.call("VIF.configure_ipv4", vif, VifIpv4ConfigurationMode.STATIC, "192.0.2.9/24", "192.0.2.1");
        assertEquals(Set.of("192.0.2.9/24"), h.field("VIF", vif, "ipv4_addresses"));
        assertEquals("192.0.2.1", h.field("VIF", vif, "ipv4_gateway"));
        assertEquals(List.of("INVALID_CIDR_ADDRESS_SPECIFIED", "address"),
                h.error("VIF.configure_ipv4", vif, VifIpv4ConfigurationMode.STATIC, "192.0.2.9", ""));
        h.call("VIF.configure_ipv6", vif, VifIpv6ConfigurationMode.STATIC, "2001:db8::9/64", "");
        assertEquals(Set.of("2001:db8::9/64"), h.field("VIF", vif, "ipv6_addresses"));
        h.call("VIF.configure_ipv4", vif, VifIpv4ConfigurationMode.NONE, "", "");
        assertEquals(Set.of(), h.field("VIF", vif, "ipv4_addresses"));
    }

    @Test
    void moveOfAnUnpluggedVifChangesItsNetwork() {
        Ref<Object> other = h.network("other");
        h.call("VIF.move", vif, other);
        assertEquals(other, h.field("VIF", vif, "network"));
        assertEquals("HANDLE_INVALID", h.error("VIF.move", vif, Ref.of("OpaqueRef:gone")).get(0));
    }
}
