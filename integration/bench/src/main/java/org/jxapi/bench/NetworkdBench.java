package org.jxapi.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jxapi.networkd.api.PortConfig;
import org.jxapi.networkd.api.VifLocking;
import org.jxapi.networkd.api.VifPort;
import org.jxapi.networkd.api.Vlan;
import org.jxapi.networkd.ovs.impl.PrivateOvs;
import org.jxapi.networkd.spi.NetworkBackend;

/**
 * Issue 14's Open vSwitch figures, on a private Open vSwitch (userspace datapath) in a namespace
 * of its own: the backend part of a make_config of 1 bridge + 1 active-backup bond + 4 VLANs (the
 * state queries and the changes the engine issues for a host with nothing configured yet), warm;
 * N VLAN fake bridges created on one parent; a VIF's lock (2 IPv4 addresses) and unlock. Prints
 * medians and the machine's load. Arguments: VLAN count (default 800), rounds (default 20).
 * Run with {@code scripts/bench.sh networkd [vlans] [rounds]}.
 */
public final class NetworkdBench {
    private NetworkdBench() {
    }

    public static void main(String[] args) throws Exception {
        int vlans = args.length > 0 ? Integer.parseInt(args[0]) : 800;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        if (!PrivateOvs.available()) {
            System.out.println("Open vSwitch is not installed (Debian openvswitch-switch): nothing to measure");
            return;
        }
        System.out.println("machine: " + BenchSupport.machine());
        try (PrivateOvs ovs = PrivateOvs.start()) {
            // Deleting the parent of hundreds of VLANs outlasts a loaded machine's default time limit.
            NetworkBackend b = ovs.backend(Map.of("command.timeout.s", 300));
            for (String nic : List.of("eth1", "eth2")) {
                ovs.ip("link", "add", nic, "type", "veth", "peer", "name", nic + "p");
                ovs.ip("link", "set", nic, "up");
            }
            makeConfig(b, rounds);
            manyVlans(b, vlans);
            locking(ovs, b, rounds * 5);
            System.out.println("machine after: " + BenchSupport.machine());
        }
    }

    /** One host's config: bridge + bond of eth1/eth2 + 4 VLANs, each bridge's state asked first. */
    private static long oneMakeConfig(NetworkBackend b, int round) {
        String br = "mc" + round;
        long t0 = System.nanoTime();
        List<String> names = new ArrayList<>(List.of(br));
        for (int v = 0; v < 4; v++) {
            names.add("mc" + round + "v" + v);
        }
        for (String n : names) {
            b.bridges().state(n);
        }
        b.bridges().create(br, null, null, null, Map.of("network-uuids", "net-" + round));
        b.bridges().addPort(br, "bond0", PortConfig.bond(List.of("eth1", "eth2"),
                Map.of("mode", "active-backup", "miimon", "100"), null));
        for (int v = 0; v < 4; v++) {
            b.bridges().create(names.get(v + 1), new Vlan(br, 10 + v), null, null, Map.of());
        }
        long t = System.nanoTime() - t0;
        b.bridges().destroy(br, true);
        return t;
    }

    private static void makeConfig(NetworkBackend b, int rounds) {
        for (int i = 0; i < 3; i++) {
            oneMakeConfig(b, 1000 + i); // warm-up: JIT, vswitchd's first bridges
        }
        long[] t = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            t[i] = oneMakeConfig(b, i);
        }
        long[] s = BenchSupport.sorted(t);
        System.out.printf("make_config 1 bridge + 1 bond + 4 VLANs (backend calls, warm, %d rounds): median %.1f ms,"
                + " p90 %.1f ms (goal < 300 ms)%n", rounds, BenchSupport.percentile(s, 50), BenchSupport.percentile(s, 90));
    }

    private static void manyVlans(NetworkBackend b, int n) {
        b.bridges().create("vparent", null, null, null, Map.of());
        long t0 = System.nanoTime();
        long lastHundred = t0;
        for (int i = 1; i <= n; i++) {
            b.bridges().create("vl" + i, new Vlan("vparent", i), null, null, Map.of());
            if (i % 100 == 0) {
                long now = System.nanoTime();
                System.out.printf("  VLANs %d-%d: %.0f ms%n", i - 99, i, (now - lastHundred) / 1e6);
                lastHundred = now;
            }
        }
        double total = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%d VLAN fake bridges created: %.1f s (goal < 60 s for 800)%n", n, total);
        long d0 = System.nanoTime();
        b.bridges().destroy("vparent", true);
        System.out.printf("  destroying the parent with its %d VLANs: %.1f s%n", n, (System.nanoTime() - d0) / 1e9);
    }

    private static void locking(PrivateOvs ovs, NetworkBackend b, int rounds) {
        b.bridges().create("brlock", null, null, null, Map.of());
        ovs.ip("tuntap", "add", "dev", "tap0", "mode", "tap");
        String mac = "02:00:00:00:99:01";
        b.vifs().plug(new VifPort("brlock", "tap0", "bench/0", mac, 1500, true, VifLocking.UNLOCKED, 0));
        VifLocking locked = new VifLocking(VifLocking.Mode.LOCKED, List.of("10.99.0.1", "10.99.0.2"), List.of());
        long[] lock = new long[rounds];
        long[] unlock = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            b.vifs().setLocking("brlock", "tap0", mac, locked);
            long t1 = System.nanoTime();
            b.vifs().setLocking("brlock", "tap0", mac, VifLocking.UNLOCKED);
            long t2 = System.nanoTime();
            lock[i] = t1 - t0;
            unlock[i] = t2 - t1;
        }
        System.out.printf("VIF lock (2 IPv4): median %.1f ms; unlock: median %.1f ms (%d rounds; goal < 50 ms)%n",
                BenchSupport.percentile(BenchSupport.sorted(lock), 50),
                BenchSupport.percentile(BenchSupport.sorted(unlock), 50), rounds);
        b.bridges().destroy("brlock", true);
    }
}
