package org.jxapi.itest.dist;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import com.xensource.xenapi.Connection;
import com.xensource.xenapi.Event;
import com.xensource.xenapi.EventBatch;
import com.xensource.xenapi.Host;
import com.xensource.xenapi.PBD;
import com.xensource.xenapi.SR;
import com.xensource.xenapi.Session;
import com.xensource.xenapi.Task;
import com.xensource.xenapi.Types;
import com.xensource.xenapi.VBD;
import com.xensource.xenapi.VDI;
import com.xensource.xenapi.VM;

/** What the VM and storage end-to-end tests do often with the unmodified Java SDK. */
final class XapiSdk {
    private XapiSdk() {
    }

    static Connection connect(RunningDistribution dist) throws Exception {
        Connection c = new Connection(new URL(dist.url()));
        Session.loginWithPassword(c, "root", RunningDistribution.ROOT_PASSWORD, "1.0", "jxapi-itest");
        return c;
    }

    static Host thisHost(Connection c) throws Exception {
        return Types.toSession(c.getSessionReference()).getThisHost(c);
    }

    /** A file SR in a fresh directory under {@code base}. */
    static SR fileSr(Connection c, Path base, String name) throws Exception {
        Path dir = Files.createTempDirectory(base, "file-sr-");
        Files.delete(dir);
        return SR.create(c, thisHost(c), new HashMap<>(Map.of("location", dir.toString())), 0L, name, "",
                "file", "user", false, new HashMap<>());
    }

    static String location(Connection c, SR sr) throws Exception {
        for (PBD pbd : sr.getPBDs(c)) {
            return pbd.getDeviceConfig(c).get("location");
        }
        throw new IllegalStateException("SR without PBD");
    }

    static VDI vdi(Connection c, SR sr, String name, long size) throws Exception {
        VDI.Record r = new VDI.Record();
        r.nameLabel = name;
        r.nameDescription = "";
        r.SR = sr;
        r.virtualSize = size;
        r.type = Types.VdiType.USER;
        r.sharable = false;
        r.readOnly = false;
        r.otherConfig = new HashMap<>();
        r.xenstoreData = new HashMap<>();
        r.smConfig = new HashMap<>();
        r.tags = new HashSet<>();
        return VDI.create(c, r);
    }

    static VBD vbd(Connection c, VM vm, VDI vdi, String userdevice) throws Exception {
        VBD.Record r = new VBD.Record();
        r.VM = vm;
        r.VDI = vdi;
        r.userdevice = userdevice;
        r.bootable = true;
        r.mode = Types.VbdMode.RW;
        r.type = Types.VbdType.DISK;
        r.unpluggable = true;
        r.empty = false;
        r.otherConfig = new HashMap<>();
        r.qosAlgorithmType = "";
        r.qosAlgorithmParams = new HashMap<>();
        return VBD.create(c, r);
    }

    /** A halted VM with the fields the SDK needs to send. */
    static VM vm(Connection c, String name) throws Exception {
        VM.Record r = new VM.Record();
        r.nameLabel = name;
        r.memoryStaticMax = 256L << 20;
        r.memoryDynamicMax = 256L << 20;
        r.memoryDynamicMin = 256L << 20;
        r.memoryStaticMin = 128L << 20;
        r.VCPUsMax = 1L;
        r.VCPUsAtStartup = 1L;
        r.HVMBootPolicy = "BIOS order";
        r.isATemplate = false;
        r.otherConfig = new HashMap<>();
        return VM.create(c, r);
    }

    /** Waits for an Async task through event.from, as clients do; returns its record when it ends. */
    static Task.Record await(Connection c, Task task, double seconds) throws Exception {
        String token = "";
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        Set<String> classes = Set.of("task/" + task.toWireString());
        while (System.nanoTime() < deadline) {
            EventBatch b = Event.from(c, classes, token, 5.0);
            token = b.token;
            Task.Record r = task.getRecord(c);
            if (r.status != Types.TaskStatusType.PENDING && r.status != Types.TaskStatusType.CANCELLING) {
                return r;
            }
        }
        throw new AssertionError("task " + task.toWireString() + " did not end in " + seconds + " s");
    }

    /** Follows VM events through event.from until {@code seen} holds for a snapshot of {@code vm}. */
    static Map<String, Object> watch(Connection c, VM vm, String token, double seconds,
            Predicate<Map<String, Object>> seen) throws Exception {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        String t = token;
        while (System.nanoTime() < deadline) {
            EventBatch b = Event.from(c, Set.of("vm"), t, 5.0);
            t = b.token;
            for (Event.Record e : b.events) {
                if (e.ref.equals(vm.toWireString()) && e.snapshot != null) {
                    Map<String, Object> snap = snapshot(e.snapshot);
                    if (seen.test(snap)) {
                        return snap;
                    }
                }
            }
        }
        throw new AssertionError("the awaited change of " + vm.toWireString() + " was not seen in " + seconds + " s");
    }

    /** An event snapshot as a field map, whatever shape the SDK gave it. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> snapshot(Object s) {
        if (s instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        if (s instanceof VM.Record r) {
            Map<String, Object> out = new HashMap<>();
            out.put("power_state", String.valueOf(r.powerState));
            out.put("domid", r.domid);
            return out;
        }
        return Map.of("other", String.valueOf(s));
    }

    static String token(Connection c) throws Exception {
        return Event.from(c, Set.of("vm"), "", 0.0).token;
    }
}
