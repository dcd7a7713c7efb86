package org.jxapi.networkd.bridge.impl;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.jxapi.networkd.linux.LinuxSettings;
import org.jxapi.networkd.linux.TestNamespace;

/**
 * What the contract tests run the bridge backend in: a namespace of their own with two veths as the
 * spare "NICs" (configured as physical: a namespace can be given no real NIC) and a fresh state directory.
 */
final class ContractRig implements AutoCloseable {
    static final List<String> SPARES = List.of("nic0", "nic1");

    final TestNamespace ns;
    final LinuxBridgeBackend backend;
    private final Path stateDir;

    ContractRig() throws IOException {
        String why = TestNamespace.unavailableReason();
        assumeTrue(why == null, () -> "skipped: " + why);
        ns = TestNamespace.create();
        ns.veth("nic0", "nic0p");
        ns.veth("nic1", "nic1p");
        stateDir = Files.createTempDirectory("jx-bridge-contract");
        backend = new LinuxBridgeBackend(LinuxSettings.inNamespace(ns.name(), stateDir)
                .withPhysicalInterfaces(Set.copyOf(SPARES)), "jxapi");
    }

    @Override
    public void close() throws IOException {
        backend.rules().dropTable();
        ns.close();
        try (var files = Files.walk(stateDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
