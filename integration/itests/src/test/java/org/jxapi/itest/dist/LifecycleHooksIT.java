package org.jxapi.itest.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import com.xensource.xenapi.Connection;
import com.xensource.xenapi.Session;
import com.xensource.xenapi.Types;
import com.xensource.xenapi.VM;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle hook sample, hot-deployed: it refuses to start a VM tagged frozen with a clear
 * XenAPI error and lets it start once the tag is gone; hook scripts and the sample's hook
 * services run in the documented order (scripts and named services by name, unnamed services
 * last). The distribution ships its sample hook scripts disabled.
 */
class LifecycleHooksIT {
    private static RunningDistribution dist;

    @BeforeAll
    static void start() throws Exception {
        dist = RunningDistribution.get();
    }

    private static Path script(String point, String name, Path log) throws Exception {
        Path dir = Files.createDirectories(dist.home.resolve("etc/xapi.d").resolve(point));
        Path f = dir.resolve(name);
        Files.writeString(f, "#!/bin/sh\necho \"" + name + " $*\" >> " + log + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        return f;
    }

    @Test
    void theFrozenHookRefusesAndAllowsAndEveryoneRunsInOrder() throws Exception {
        Path log = dist.home.resolve("hooks-it.log");
        Path first = script("vm-pre-start", "10-first", log);
        Path last = script("vm-pre-start", "90-last", log);
        Path jar = dist.home.resolve("deploy/frozen-hook.jar");
        Files.copy(Path.of(System.getProperty("jxapi.sample.frozen")), jar, StandardCopyOption.REPLACE_EXISTING);
        try {
            // Started, and both its LifecycleHook services registered (the bundle is active a moment before DS
            // has registered the component's service).
            try {
                Awaitility.await("the hook sample's service").atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(300))
                        .until(() -> {
                            String services = dist.client("service:list org.jxapi.xenops.hooks.LifecycleHook");
                            return services.contains("50-frozen-guard")
                                    && services.contains("org.jxapi.sample.frozen.PowerLog");
                        });
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("the hook sample did not start\n" + dist.tail(), e);
            }
            Connection c = XapiSdk.connect(dist);
            VM vm = XapiSdk.vm(c, "frozen-vm");
            String uuid = vm.getUuid(c);
            vm.addTags(c, "frozen");

            Types.XapiHookFailed refused = assertThrows(Types.XapiHookFailed.class, () -> vm.start(c, false, false));
            assertEquals("vm-pre-start/50-frozen-guard", refused.hookName);
            assertEquals("none", refused.reason);
            assertEquals("VM " + uuid + " is tagged 'frozen' and may not start; remove the tag first", refused.stdout);
            assertEquals("refused", refused.exitCode);
            assertEquals(Types.VmPowerState.HALTED, vm.getPowerState(c));
            assertEquals(List.of("10-first -vmuuid " + uuid + " -reason none"), Files.readAllLines(log),
                    "the script before the service ran, the one after it did not");

            vm.removeTags(c, "frozen");
            vm.start(c, false, false);
            assertEquals(Types.VmPowerState.RUNNING, vm.getPowerState(c));
            assertEquals(List.of("10-first -vmuuid " + uuid + " -reason none", "10-first -vmuuid " + uuid + " -reason none",
                    "90-last -vmuuid " + uuid + " -reason none"), Files.readAllLines(log));
            String karafLog = Files.readString(dist.home.resolve("data/log/karaf.log"));
            assertTrue(karafLog.contains("power operation: VM " + uuid + " at vm-pre-start (reason none"),
                    "the unnamed logging service ran");
            vm.hardShutdown(c);
            assertTrue(Files.readString(dist.home.resolve("data/log/karaf.log"))
                    .contains("power operation: VM " + uuid + " at vm-post-destroy (reason hard-shutdown"));
            Session.logout(c);
        } finally {
            Files.deleteIfExists(jar);
            Files.deleteIfExists(first);
            Files.deleteIfExists(last);
        }
    }

    @Test
    void theSampleHookScriptsShipDisabled() throws Exception {
        Path root = dist.home.resolve("etc/xapi.d");
        for (String sample : List.of("README.md", "vm-pre-start/10-log-operation", "vm-pre-start/20-maintenance-guard",
                "vm-post-destroy/10-log-operation", "extensions/sample.uptime", "plugins/sample-echo")) {
            Path p = root.resolve(sample);
            assertTrue(Files.isRegularFile(p), "the distribution lacks " + p);
            assertFalse(Files.isExecutable(p), p + " is enabled (executable) out of the box");
        }
    }
}
