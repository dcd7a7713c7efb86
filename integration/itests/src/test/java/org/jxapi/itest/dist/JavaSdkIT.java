package org.jxapi.itest.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.xensource.xenapi.APIVersion;
import com.xensource.xenapi.Connection;
import com.xensource.xenapi.Event;
import com.xensource.xenapi.EventBatch;
import com.xensource.xenapi.Host;
import com.xensource.xenapi.Session;
import com.xensource.xenapi.Types;
import com.xensource.xenapi.VM;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Java SDK 8.1.0, unmodified, against the assembled distribution started with bin/karaf. */
class JavaSdkIT {
    private static RunningDistribution dist;

    @BeforeAll
    static void start() throws Exception {
        dist = RunningDistribution.get();
    }

    private static Connection connect() throws Exception {
        Connection c = new Connection(new URL(dist.url()));
        Session.loginWithPassword(c, "root", RunningDistribution.ROOT_PASSWORD, "1.0", "jxapi-itest");
        return c;
    }

    @Test
    void connectsDetectsTheApiVersionAndSeesThisHost() throws Exception {
        Connection c = connect();
        assertNotNull(c.getSessionReference());
        // The SDK asks session.get_this_host and the host's API version while logging in.
        assertTrue(c.getAPIVersion() == APIVersion.UNKNOWN || c.getAPIVersion().compareTo(APIVersion.API_2_14) >= 0,
                "API version " + c.getAPIVersion());
        Host host = Types.toSession(c.getSessionReference()).getThisHost(c);
        assertEquals(2L, host.getAPIVersionMajor(c));
        assertEquals(21L, host.getAPIVersionMinor(c));
        Host.Record hr = host.getRecord(c);
        assertFalse(hr.hostCPUs.isEmpty(), "no host_cpu objects");
        assertTrue(hr.metrics.getMemoryTotal(c) > 0);
        Session.logout(c);
    }

    @Test
    void createsAVmWithAFullRecordAndReadsAndWritesIt() throws Exception {
        Connection c = connect();
        VM.Record r = new VM.Record();
        r.nameLabel = "sdk-vm";
        r.nameDescription = "made by the Java SDK";
        r.userVersion = 1L;
        r.isATemplate = false;
        r.powerState = Types.VmPowerState.HALTED;
        r.affinity = Types.toHost("OpaqueRef:NULL");
        r.memoryStaticMax = 1L << 30;
        r.memoryDynamicMax = 1L << 30;
        r.memoryDynamicMin = 512L << 20;
        r.memoryStaticMin = 256L << 20;
        r.VCPUsParams = new HashMap<>(Map.of("weight", "256"));
        r.VCPUsMax = 2L;
        r.VCPUsAtStartup = 2L;
        r.actionsAfterShutdown = Types.OnNormalExit.DESTROY;
        r.actionsAfterReboot = Types.OnNormalExit.RESTART;
        r.actionsAfterCrash = Types.OnCrashBehaviour.RESTART;
        r.PVBootloader = "";
        r.PVKernel = "";
        r.PVRamdisk = "";
        r.PVArgs = "";
        r.PVBootloaderArgs = "";
        r.PVLegacyArgs = "";
        r.HVMBootPolicy = "BIOS order";
        r.HVMBootParams = new HashMap<>(Map.of("order", "cd"));
        r.HVMShadowMultiplier = 1.0;
        r.platform = new HashMap<>(Map.of("acpi", "1"));
        r.PCIBus = "";
        r.otherConfig = new HashMap<>(Map.of("made-by", "sdk"));
        r.recommendations = "";
        r.xenstoreData = new HashMap<>();
        r.haAlwaysRun = false;
        r.haRestartPriority = "";
        r.tags = Set.of("sdk");
        r.blockedOperations = new HashMap<>();
        r.protectionPolicy = Types.toVMPP("OpaqueRef:NULL");
        r.isSnapshotFromVmpp = false;
        r.snapshotSchedule = Types.toVMSS("OpaqueRef:NULL");
        r.isVmssSnapshot = false;
        r.appliance = Types.toVMAppliance("OpaqueRef:NULL");
        r.startDelay = 0L;
        r.shutdownDelay = 0L;
        r.order = 0L;
        r.suspendSR = Types.toSR("OpaqueRef:NULL");
        r.version = 0L;
        r.generationId = "";
        r.hardwarePlatformVersion = 0L;
        r.hasVendorDevice = false;
        r.referenceLabel = "";
        r.domainType = Types.DomainType.HVM;
        r.NVRAM = new HashMap<>();
        VM vm = create(c, r);

        VM.Record back = vm.getRecord(c);
        assertEquals("sdk-vm", back.nameLabel);
        assertEquals(1L << 30, back.memoryStaticMax);
        assertEquals(Types.VmPowerState.HALTED, back.powerState);
        assertEquals(Types.OnCrashBehaviour.RESTART, back.actionsAfterCrash);
        assertEquals(Map.of("made-by", "sdk"), back.otherConfig);
        assertEquals(Set.of("sdk"), back.tags);

        vm.setNameLabel(c, "sdk-vm-renamed");
        assertEquals("sdk-vm-renamed", vm.getNameLabel(c));
        vm.addToOtherConfig(c, "k", "v");
        assertEquals("v", vm.getOtherConfig(c).get("k"));
        assertEquals(vm, VM.getByUuid(c, back.uuid));

        Map<VM, VM.Record> all = VM.getAllRecords(c);
        assertTrue(all.containsKey(vm));
        assertTrue(all.values().stream().anyMatch(x -> x.isControlDomain), "no control domain in VM.get_all_records");
        vm.destroy(c);
        Session.logout(c);
    }

    @Test
    void anEventFromLoopSeesAnotherClientsChange() throws Exception {
        Connection watcher = connect();
        Connection writer = connect();
        VM.Record r = new VM.Record();
        r.nameLabel = "watched";
        VM vm = create(writer, minimal(r));
        EventBatch first = Event.from(watcher, Set.of("vm"), "", 5.0);
        String token = first.token;
        assertTrue(first.events.stream().anyMatch(e -> e.ref.equals(vm.toWireString())));

        CompletableFuture<Event.Record> seen = CompletableFuture.supplyAsync(() -> {
            String t = token;
            try {
                long deadline = System.currentTimeMillis() + 20_000;
                while (System.currentTimeMillis() < deadline) {
                    EventBatch b = Event.from(watcher, Set.of("vm"), t, 10.0);
                    t = b.token;
                    for (Event.Record e : b.events) {
                        if (e.ref.equals(vm.toWireString()) && e.operation == Types.EventOperation.MOD) {
                            return e;
                        }
                    }
                }
                return null;
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        // No need to wait for the watcher to park: event.from from its token returns a change made before
        // the call as well as one made during it.
        vm.setNameDescription(writer, "changed by another client");
        Event.Record e = seen.get(30, TimeUnit.SECONDS);
        assertNotNull(e, "the watcher never saw the change");
        assertEquals("vm", e.clazz);
        vm.destroy(writer);
    }

    @Test
    void aBadPasswordAndABadReferenceGetTheirTypedErrors() throws Exception {
        Connection c = new Connection(new URL(dist.url()));
        assertThrows(Types.SessionAuthenticationFailed.class,
                () -> Session.loginWithPassword(c, "root", "wrong password", "1.0", "jxapi-itest"));
        Connection ok = connect();
        Types.HandleInvalid e = assertThrows(Types.HandleInvalid.class,
                () -> Types.toVM("OpaqueRef:no-such-vm").getRecord(ok));
        assertEquals("VM", e.clazz);
    }

    private static VM create(Connection c, VM.Record r) throws Exception {
        try {
            return VM.create(c, r);
        } catch (Types.FieldTypeError e) {
            throw new AssertionError("VM.create refused field " + e.field, e);
        }
    }

    /** What VM.create needs from an SDK record beyond a name: the SDK sends null fields as missing. */
    private static VM.Record minimal(VM.Record r) {
        r.memoryStaticMax = 1L << 28;
        r.memoryDynamicMax = 1L << 28;
        r.memoryDynamicMin = 1L << 28;
        r.memoryStaticMin = 1L << 28;
        r.VCPUsMax = 1L;
        r.VCPUsAtStartup = 1L;
        return r;
    }
}
