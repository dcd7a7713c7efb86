package org.jxapi.networkd.impl;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jxapi.networkd.api.BridgeConfig;
import org.jxapi.networkd.api.PortConfig;
import org.jxapi.networkd.api.Vlan;
import org.jxapi.networkd.simulator.impl.SimulatedNic;
import org.jxapi.networkd.simulator.impl.SimulatorBackend;
import org.jxapi.networkd.api.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's own cost over the simulator (no switch, so this is the floor under every backend):
 * printed, for the benchmark goals (make_config of 1 bridge + 1 bond + 4 VLANs < 300 ms warm,
 * replay of 50 persistent bridges < 2 s); asserted are the change counts, not the times, which
 * depend on the machine's load.
 */
class EngineTimingsTest {
    @TempDir
    Path dir;

    @Test
    void makeConfigOfABondAndFourVlansAndTheReplayOfFiftyBridges() {
        SimulatorBackend sim = SimulatorBackend.create();
        NetworkdService n = NetworkdService.open("bench", sim, dir.resolve("a.db"));
        Map<String, BridgeConfig> c = new LinkedHashMap<>();
        c.put("xenbr0", new BridgeConfig(Map.of("bond0", PortConfig.bond(List.of("sim0", "sim1"),
                Map.of("mode", "active-backup"), null)), null, null, null, Map.of(), true));
        for (int tag = 1; tag <= 4; tag++) {
            c.put("xapi" + tag, new BridgeConfig(Map.of(), new Vlan("xenbr0", tag), null, null, Map.of(), true));
        }
        n.bridgeMakeConfig("b", false, c);
        assertEquals(6, n.getDiagnostics("b").lastMakeConfigChanges());
        long t0 = System.nanoTime();
        n.bridgeMakeConfig("b", false, c);
        long warm = System.nanoTime() - t0;
        assertEquals(0, n.getDiagnostics("b").lastMakeConfigChanges());

        List<SimulatedNic> nics = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            nics.add(SimulatedNic.numbered("eth" + i, i));
        }
        SimulatorBackend big = SimulatorBackend.create(Kind.OPENVSWITCH, nics);
        NetworkdService first = NetworkdService.open("bench", big, dir.resolve("b.db"));
        Map<String, BridgeConfig> fifty = new LinkedHashMap<>();
        for (int i = 0; i < 50; i++) {
            fifty.put("xenbr" + i, new BridgeConfig(Map.of("eth" + i, PortConfig.of("eth" + i)), null, null, null,
                    Map.of(), true));
        }
        first.bridgeMakeConfig("b", false, fifty);
        for (String b : big.bridges().list()) {
            big.bridges().destroy(b, true);
        }
        long t1 = System.nanoTime();
        NetworkdService restarted = NetworkdService.open("bench", big, dir.resolve("b.db"));
        long replay = System.nanoTime() - t1;
        assertEquals(100, restarted.getDiagnostics("b").startupChanges(), "50 bridges and their ports");
        long t2 = System.nanoTime();
        NetworkdService again = NetworkdService.open("bench", big, dir.resolve("b.db"));
        long noop = System.nanoTime() - t2;
        assertEquals(0, again.getDiagnostics("b").startupChanges());
        System.out.printf("networkd engine over the simulator: make_config 1 bridge + 1 bond + 4 VLANs warm %.1f ms;"
                + " replay of 50 persistent bridges %.1f ms (%.1f ms when nothing differs)%n",
                warm / 1e6, replay / 1e6, noop / 1e6);
    }
}
