package org.jxapi.itest.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Xen Orchestra's client, npm xen-api 4.7.6, installed by this test into a temporary directory and
 * run with the machine's node: it must pick JSON-RPC, complete its own connect sequence and event
 * loop, see a VM another client creates within a second, and get an Async task's result.
 */
class NpmXenApiIT {

    private static Path installClient() throws Exception {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("jxapi.buildDir", "target")), "npm-xen-api");
        Process p = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error",
                "--prefix", dir.toString(), "xen-api@4.7.6").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "npm install xen-api@4.7.6 failed: " + out);
        try (InputStream in = NpmXenApiIT.class.getResourceAsStream("/clients/xo-watch.mjs")) {
            Files.copy(in, dir.resolve("xo-watch.mjs"));
        }
        return dir;
    }

    @Test
    void xenOrchestrasClientConnectsOverJsonRpcAndSeesChangesWithinASecond() throws Exception {
        RunningDistribution dist = RunningDistribution.get();
        Path client = installClient();
        try (RecordingProxy proxy = new RecordingProxy(dist.url());
             ClientProcess node = new ClientProcess(new ProcessBuilder("node", client.resolve("xo-watch.mjs").toString(),
                     proxy.url(), RunningDistribution.ROOT_PASSWORD, "made-async-by-xo").directory(client.toFile()))) {
            Map<?, ?> ready = node.await("ready", 60_000);
            assertTrue(((Number) ready.get("types")).intValue() > 50, "types from system.listMethods: " + ready);

            // Another client creates a VM; the event loop must bring it within a second.
            XenApiClient other = new XenApiClient(dist.url());
            String s = other.login();
            String name = "made-by-another-client-" + System.nanoTime();
            long t0 = System.currentTimeMillis();
            String vm = (String) other.call("VM.create", s, Map.of("name_label", name));
            Map<?, ?> seen;
            do {
                seen = node.await("vm", 10_000);
            } while (!name.equals(seen.get("name")));
            long latency = ((Number) seen.get("at")).longValue() - t0;
            assertEquals(vm, seen.get("ref"));
            assertTrue(latency < 1000, "xen-api saw the new VM after " + latency + " ms");

            Map<?, ?> async = node.await("async", 30_000);
            String made = (String) async.get("result");
            assertEquals("made-async-by-xo", other.call("VM.get_name_label", s, made));

            List<String> paths = List.copyOf(proxy.paths);
            assertTrue(paths.contains("POST /jsonrpc"), paths.toString());
            assertFalse(paths.stream().anyMatch(p -> p.equals("POST /") || p.equals("POST /RPC2")),
                    "xen-api fell back to XML-RPC: " + paths);
            System.out.println("npm xen-api: saw another client's VM after " + latency + " ms; " + paths.size()
                    + " requests, all JSON-RPC");
        }
    }
}
