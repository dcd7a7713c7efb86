package org.jxapi.db.impl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The pairs derived from the model match the original's relations. */
class RelationsTest {
    private final Set<String> derived = new HashSet<>();

    RelationsTest() {
        for (Relation r : Schema.get().relations) {
            derived.add(r.toString());
        }
    }

    @Test
    void oneToManyPairsOfTheOriginalAreFound() {
        for (String expected : List.of(
                "VM.VBDs <- VBD.VM", "VM.VIFs <- VIF.VM", "VM.consoles <- console.VM", "VM.VTPMs <- VTPM.VM",
                "VM.crash_dumps <- crashdump.VM", "VM.VGPUs <- VGPU.VM", "VM.VUSBs <- VUSB.VM",
                "VM.snapshots <- VM.snapshot_of", "VM.children <- VM.parent", "host.resident_VMs <- VM.resident_on",
                "host.PBDs <- PBD.host", "SR.PBDs <- PBD.SR", "SR.VDIs <- VDI.SR", "VDI.VBDs <- VBD.VDI",
                "VDI.snapshots <- VDI.snapshot_of", "network.VIFs <- VIF.network", "network.PIFs <- PIF.network",
                "host.PIFs <- PIF.host", "host.host_CPUs <- host_cpu.host", "Bond.slaves <- PIF.bond_slave_of",
                "PIF.bond_master_of <- Bond.master", "PIF.VLAN_slave_of <- VLAN.tagged_PIF",
                "PIF.tunnel_access_PIF_of <- tunnel.access_PIF", "PIF.tunnel_transport_PIF_of <- tunnel.transport_PIF",
                "PIF.sriov_physical_PIF_of <- network_sriov.physical_PIF", "task.subtasks <- task.subtask_of",
                "pool.metadata_VDIs <- VDI.metadata_of_pool", "DR_task.introduced_SRs <- SR.introduced_by",
                "GPU_group.PGPUs <- PGPU.GPU_group", "VGPU_type.VGPUs <- VGPU.type",
                "PGPU.resident_VGPUs <- VGPU.resident_on", "PVS_site.servers <- PVS_server.site",
                "VMPP.VMs <- VM.protection_policy", "VM_appliance.VMs <- VM.appliance",
                "Cluster.cluster_hosts <- Cluster_host.cluster")) {
            assertTrue(derived.contains(expected), expected + " not derived; derived: " + derived);
        }
    }

    @Test
    void manyToManyPairsAreFoundOnce() {
        assertTrue(derived.contains("PGPU.enabled_VGPU_types <-> VGPU_type.enabled_on_PGPUs")
                || derived.contains("VGPU_type.enabled_on_PGPUs <-> PGPU.enabled_VGPU_types"), derived.toString());
        assertTrue(derived.contains("host.updates <-> pool_update.hosts")
                || derived.contains("pool_update.hosts <-> host.updates"), derived.toString());
    }

    @Test
    void fieldsThatOnlyLookAlikeAreNotPaired() {
        // VM.affinity and VM.scheduled_to_be_resident_on point at hosts too, but back nothing.
        for (String r : derived) {
            assertFalse(r.endsWith("VM.affinity") || r.endsWith("VM.scheduled_to_be_resident_on")
                    || r.contains("updates_requiring_reboot") || r.endsWith("VTPM.backend"), r);
        }
    }
}
