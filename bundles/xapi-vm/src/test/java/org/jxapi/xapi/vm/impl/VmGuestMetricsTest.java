package org.jxapi.xapi.vm.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxapi.db.Row;
import org.jxapi.db.impl.DatabaseImpl;
import org.jxapi.db.impl.DbOptions;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.types.TristateType;
import org.jxapi.xenops.api.DomainType;
import org.jxapi.xenops.api.PowerState;
import org.jxapi.xenops.api.VmState;

class VmGuestMetricsTest {
    private DatabaseImpl db;
    private Ref<?> vm;

    @BeforeEach
    void setUp() throws Exception {
        db = DatabaseImpl.open(DbOptions.inMemory());
        vm = db.write(tx -> tx.create("VM", Map.of("name_label", "v")));
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private static VmState agentSaid(boolean hello, Map<String, String> keys) {
        return new VmState(PowerState.RUNNING, List.of(3), List.of(), 1, 1, 1, 1, 1.0, "", false, keys, Map.of(),
                hello, 0.0, false, false, false, DomainType.PV, "", false, 0, Map.of());
    }

    private void sync(VmState s) {
        db.write(tx -> {
            VmGuestMetrics.sync(tx, tx.require("VM", vm), s);
            return null;
        });
    }

    private Row metrics() {
        Ref<?> m = (Ref<?>) db.snapshot().require("VM", vm).get("guest_metrics");
        return m.isNull() ? null : db.snapshot().require("VM_guest_metrics", m);
    }

    @Test
    void theAgentsKeysBecomeOsVersionAndNetworks() {
        sync(agentSaid(false, Map.of()));
        assertEquals(null, metrics(), "no agent, no guest metrics");
        sync(agentSaid(true, Map.of("data/os_name", "Debian 12", "data/os_uname", "6.1.0", "data/os_majorver", "12",
                "attr/vif/0/ipv4/0", "10.0.0.5", "attr/vif/0/ipv6/0", "fe80::1", "attr/cpus/online", "0-1",
                "stats/52:54:00:00:00:01/rx_bytes", "99")));
        Row m = metrics();
        assertEquals(Map.of("name", "Debian 12", "uname", "6.1.0", "major", "12"), m.get("os_version"));
        assertEquals(Map.of("0/ip", "10.0.0.5", "0/ipv4/0", "10.0.0.5", "0/ipv6/0", "fe80::1"), m.get("networks"));
        assertEquals(Map.of("attr/cpus/online", "0-1"), m.get("other"));
        assertEquals(true, m.get("PV_drivers_detected"));
        assertEquals(TristateType.YES, m.get("can_use_hotplug_vif"));
        long generation = db.snapshot().generation();
        sync(agentSaid(true, Map.of("data/os_name", "Debian 12", "data/os_uname", "6.1.0", "data/os_majorver", "12",
                "attr/vif/0/ipv4/0", "10.0.0.5", "attr/vif/0/ipv6/0", "fe80::1", "attr/cpus/online", "0-1",
                "stats/52:54:00:00:00:01/rx_bytes", "100")));
        assertEquals(generation, db.snapshot().generation(), "counters alone change nothing");
        db.write(tx -> {
            VmGuestMetrics.clear(tx, tx.require("VM", vm));
            return null;
        });
        assertEquals(null, metrics());
        assertTrue(db.snapshot().table("VM_guest_metrics").size() == 0);
    }
}
