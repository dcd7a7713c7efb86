package org.jxapi.bench;

import static org.jxapi.bench.VmLifecycleBench.call;
import static org.jxapi.bench.VmLifecycleBench.q;
import static org.jxapi.bench.VmLifecycleBench.result;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Issue 6's storage benchmark, through the XenAPI (JSON-RPC over HTTP) on a file SR (qcow2
 * images made with qemu-img): VDI.create, VDI.snapshot and VDI.clone latency (p50, p99), then
 * the time to start a simulated VM with 10 disks (each attached and activated through storage
 * and plugged through xenops) and to hot-plug 10 more into it. Arguments: the number of VDIs
 * (default 50) and their virtual size in GiB (default 10).
 */
public final class StorageBench {
    private StorageBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        long size = (args.length > 1 ? Long.parseLong(args[1]) : 10) << 30;
        System.out.println("machine: " + BenchSupport.machine());
        Path dir = Files.createTempDirectory("jxapi-storagebench");
        try (XapiHarness h = new XapiHarness(dir); RawHttp c = new RawHttp("127.0.0.1", h.port())) {
            String s = (String) result(c.post("/jsonrpc", call("session.login_with_password", "\"root\"",
                    q(InProcessServer.PASSWORD))));
            String host = first((List<?>) result(c.post("/jsonrpc", call("host.get_all", q(s)))));
            String sr = (String) result(c.post("/jsonrpc", call("SR.create", q(s), q(host),
                    "{\"location\":\"" + dir.resolve("sr") + "\"}", "0", q("bench SR"), q(""), q("file"), q("user"),
                    "false", "{}")));

            List<String> vdis = new ArrayList<>();
            long[] create = new long[n];
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                vdis.add(vdi(c, s, sr, "disk-" + i, size));
                create[i] = System.nanoTime() - t0;
            }
            List<String> snaps = new ArrayList<>();
            long[] snapshot = new long[n];
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                snaps.add((String) result(c.post("/jsonrpc", call("VDI.snapshot", q(s), q(vdis.get(i)), "{}"))));
                snapshot[i] = System.nanoTime() - t0;
            }
            long[] clone = new long[n];
            List<String> clones = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                clones.add((String) result(c.post("/jsonrpc", call("VDI.clone", q(s), q(snaps.get(i)), "{}"))));
                clone[i] = System.nanoTime() - t0;
            }
            System.out.printf("file SR, %d VDIs of %d GiB: VDI.create p50 %.1f ms p99 %.1f ms; VDI.snapshot p50 %.1f ms"
                    + " p99 %.1f ms; VDI.clone p50 %.1f ms p99 %.1f ms%n", n, size >> 30, p(create, 50), p(create, 99),
                    p(snapshot, 50), p(snapshot, 99), p(clone, 50), p(clone, 99));

            String vm = (String) result(c.post("/jsonrpc", call("VM.create", q(s), "{\"name_label\":\"ten disks\","
                    + "\"memory_static_max\":268435456,\"memory_dynamic_max\":268435456,"
                    + "\"memory_dynamic_min\":268435456,\"VCPUs_max\":1,\"VCPUs_at_startup\":1,"
                    + "\"HVM_boot_policy\":\"BIOS order\"}")));
            for (int i = 0; i < 10; i++) {
                vbd(c, s, vm, clones.get(i), Integer.toString(i));
            }
            long t0 = System.nanoTime();
            result(c.post("/jsonrpc", call("VM.start", q(s), q(vm), "false", "false")));
            long started = System.nanoTime() - t0;
            List<String> hot = new ArrayList<>();
            for (int i = 10; i < 20 && i < n; i++) {
                hot.add(vbd(c, s, vm, clones.get(i), Integer.toString(i)));
            }
            long t1 = System.nanoTime();
            for (String vbd : hot) {
                result(c.post("/jsonrpc", call("VBD.plug", q(s), q(vbd))));
            }
            long plugged = System.nanoTime() - t1;
            long t2 = System.nanoTime();
            result(c.post("/jsonrpc", call("VM.hard_shutdown", q(s), q(vm))));
            long stopped = System.nanoTime() - t2;
            System.out.printf("VM.start with 10 disks: %.0f ms; VBD.plug of %d more into the running VM: %.0f ms;"
                    + " VM.hard_shutdown with %d disks: %.0f ms%n", started / 1e6, hot.size(), plugged / 1e6,
                    10 + hot.size(), stopped / 1e6);
        } finally {
            try (Stream<Path> st = Files.walk(dir)) {
                st.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static String first(List<?> l) {
        return (String) l.get(0);
    }

    private static String vdi(RawHttp c, String s, String sr, String name, long size) throws Exception {
        return (String) result(c.post("/jsonrpc", call("VDI.create", q(s), "{\"SR\":\"" + sr + "\",\"name_label\":\""
                + name + "\",\"virtual_size\":" + size + ",\"type\":\"user\",\"sharable\":false,\"read_only\":false,"
                + "\"other_config\":{},\"sm_config\":{},\"xenstore_data\":{},\"tags\":[]}")));
    }

    private static String vbd(RawHttp c, String s, String vm, String vdi, String userdevice) throws Exception {
        return (String) result(c.post("/jsonrpc", call("VBD.create", q(s), "{\"VM\":\"" + vm + "\",\"VDI\":\"" + vdi
                + "\",\"userdevice\":\"" + userdevice + "\",\"bootable\":false,\"mode\":\"RW\",\"type\":\"Disk\","
                + "\"unpluggable\":true,\"empty\":false,\"other_config\":{},\"qos_algorithm_type\":\"\","
                + "\"qos_algorithm_params\":{}}")));
    }

    private static double p(long[] nanos, double pct) {
        return BenchSupport.percentile(BenchSupport.sorted(nanos), pct);
    }
}
