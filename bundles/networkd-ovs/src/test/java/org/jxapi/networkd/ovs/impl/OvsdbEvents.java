package org.jxapi.networkd.ovs.impl;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Every change to the switch's configuration, as the database reports it: one {@code ovsdb-client
 * monitor} per table (Bridge, Port, Interface; a process of the test, stopped by pid), on the columns
 * a client writes, not those ovs-vswitchd keeps up to date (status, statistics, ofport). A mutating
 * ovs-vsctl run shows here whatever ran it; a read-only one does not. {@link #fence()} changes a
 * bridge of the test's own (external_ids of its bridge, port and interface, which no networkd
 * configuration names) and waits until all three monitors saw it.
 */
final class OvsdbEvents implements AutoCloseable {
    private static final List<List<String>> TABLES = List.of(
            List.of("Bridge", "name,ports,other_config,external_ids,mcast_snooping_enable,datapath_type,fail_mode"),
            List.of("Port", "name,tag,fake_bridge,interfaces,external_ids,mac,bond_mode,lacp,other_config"),
            List.of("Interface", "name,type,options,external_ids,other_config,mtu_request,mac"));

    private final PrivateOvs ovs;
    private final String fenceBridge;
    private final List<Monitor> monitors = new ArrayList<>();
    private int fences;

    OvsdbEvents(PrivateOvs ovs, String fenceBridge) {
        this.ovs = ovs;
        this.fenceBridge = fenceBridge;
        // Userspace datapath, as the test's other bridges: the private switch has no kernel module.
        ovs.vsctl("--may-exist", "add-br", fenceBridge, "--", "set", "bridge", fenceBridge, "datapath_type=netdev");
        for (List<String> t : TABLES) {
            monitors.add(new Monitor(t.get(0), t.get(1)));
        }
        // Each monitor first prints the table's rows ("initial"); once all have, later blocks are changes.
        await().atMost(Duration.ofSeconds(30)).until(() -> monitors.stream().allMatch(m -> m.blocks().size() >= 1));
        monitors.forEach(m -> m.seen = 1);
        fence();
    }

    /** The update blocks (one per table per transaction) since the previous fence, without the fences. */
    List<String> fence() {
        String mark = "jx-fence=\"" + (++fences) + "\"";
        ovs.vsctl("set", "bridge", fenceBridge, "external_ids:jx-fence=" + fences, "--", "set", "port", fenceBridge,
                "external_ids:jx-fence=" + fences, "--", "set", "interface", fenceBridge,
                "external_ids:jx-fence=" + fences);
        List<String> changes = new ArrayList<>();
        for (Monitor m : monitors) {
            int[] at = {-1};
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                List<String> b = m.blocks();
                for (int i = m.seen; i < b.size(); i++) {
                    if (b.get(i).contains(mark)) {
                        at[0] = i;
                        return true;
                    }
                }
                return false;
            });
            changes.addAll(m.blocks().subList(m.seen, at[0]));
            m.seen = at[0] + 1;
        }
        return changes;
    }

    @Override
    public void close() {
        monitors.forEach(Monitor::stop);
        ovs.vsctl("--if-exists", "del-br", fenceBridge);
    }

    private final class Monitor {
        private final Process process;
        private final List<StringBuilder> blocks = new ArrayList<>();
        int seen;

        Monitor(String table, String columns) {
            try {
                process = new ProcessBuilder("ovsdb-client", "monitor", "unix:" + ovs.dbSocket(), "Open_vSwitch",
                        table, columns).redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread reader = new Thread(this::read, "ovsdb-events-" + table);
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    synchronized (blocks) {
                        // Each update is a table of its own under a "row action ..." heading.
                        if (line.startsWith("row ") || blocks.isEmpty()) {
                            blocks.add(new StringBuilder());
                        }
                        blocks.get(blocks.size() - 1).append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // Stopped.
            }
        }

        List<String> blocks() {
            synchronized (blocks) {
                return blocks.stream().map(StringBuilder::toString).toList();
            }
        }

        void stop() {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
