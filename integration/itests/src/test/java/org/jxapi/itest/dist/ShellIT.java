package org.jxapi.itest.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The xe commands of the Karaf shell on the assembled distribution, through bin/client and
 * through an SSH terminal, logged in with jxapi accounts: tables, a VM's life from a template on
 * the simulator, RBAC for a read-only account, completion of VM names, and a live event watch.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShellIT {
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static RunningDistribution dist;
    private static String vm;

    @BeforeAll
    static void start() throws Exception {
        dist = RunningDistribution.get();
    }

    private static String uuidIn(String out) {
        Matcher m = UUID.matcher(out);
        assertTrue(m.find(), "no uuid in: " + out);
        return m.group();
    }

    @Test
    @Order(1)
    void vmListPrintsATable() throws Exception {
        String out = dist.client("xe:vm-list");
        assertTrue(out.contains("uuid") && out.contains("| name-label") && out.contains("| power-state"), out);
        assertTrue(out.contains("Control domain on host"), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("---")), "a table: " + out);
    }

    @Test
    @Order(2)
    void aVmIsInstalledStartedAndShutDownFromTheShell() throws Exception {
        // A fresh host makes its local SR (the pool's default SR) as soon as its file driver is up.
        try {
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> dist
                    .client("xe:sr-list name-label=\"Local storage\" --minimal").matches("(?s)\\s*[0-9a-f-]{36}\\s*"));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no local SR\n" + dist.client("xe:sr-list"), e);
        }
        String installed = dist.client("xe:vm-install template=\"Other install media\" new-name-label=shell-vm");
        vm = uuidIn(installed);
        assertEquals("Halted", param("power-state"));
        String started = dist.client("xe:vm-start uuid=" + vm);
        assertFalse(started.contains("Error"), started);
        assertEquals("Running", param("power-state"));
        assertTrue(dist.client("xe:vm-list power-state=running --minimal").contains(vm));
        dist.client("xe:vm-shutdown uuid=" + vm);
        assertEquals("Halted", param("power-state"));
        dist.client("xe:vm-start vm=shell-vm");
        dist.client("xe:vm-shutdown vm=shell-vm --force");
        assertEquals("Halted", param("power-state"));
        String again = dist.client("xe:vm-shutdown vm=shell-vm");
        assertTrue(again.contains("Error code: VM_BAD_POWER_STATE"), again);
    }

    private static String param(String name) throws Exception {
        return dist.client("xe:vm-param-get uuid=" + vm + " param-name=" + name).trim();
    }

    @Test
    @Order(3)
    void aReadOnlyAccountIsRefusedOverClientAndSsh() throws Exception {
        dist.client("jxapi:account-add --password ro-pw shell-ro read-only");
        String listed = dist.client("shell-ro", "ro-pw", "xe:vm-list");
        assertTrue(listed.contains("shell-vm"), listed);
        String refused = dist.client("shell-ro", "ro-pw", "xe:vm-start vm=shell-vm");
        assertTrue(refused.contains("Error code: RBAC_PERMISSION_DENIED"), refused);
        assertTrue(refused.contains("vm.start"), refused);
        assertTrue(SshShell.refused(dist.sshPort, "shell-ro", "wrong-password"));
        try (SshShell ssh = new SshShell(dist.sshPort, "shell-ro", "ro-pw")) {
            ssh.await("()>", 0, Duration.ofSeconds(30));
            int from = ssh.mark();
            ssh.type("xe:vm-start vm=shell-vm\r");
            ssh.await("RBAC_PERMISSION_DENIED", from, Duration.ofSeconds(30));
        }
    }

    @Test
    @Order(4)
    void completionOffersVmNamesInATerminal() throws Exception {
        try (SshShell ssh = new SshShell(dist.sshPort, "root", RunningDistribution.ROOT_PASSWORD)) {
            ssh.await("()>", 0, Duration.ofSeconds(30));
            int from = ssh.mark();
            ssh.type("xe:vm-start vm=shell-\t");
            String shown = ssh.await("shell-vm", from, Duration.ofSeconds(30));
            assertTrue(shown.contains("vm=shell-vm"), shown);
            ssh.type("\u0015");
        }
    }

    @Test
    @Order(5)
    void eventWatchPrintsAPowerStateChangeUntilInterrupted() throws Exception {
        try (SshShell ssh = new SshShell(dist.sshPort, "root", RunningDistribution.ROOT_PASSWORD)) {
            ssh.await("()>", 0, Duration.ofSeconds(30));
            int from = ssh.mark();
            ssh.type("xe:event-watch class=vm\r");
            ssh.await("Watching", from, Duration.ofSeconds(30));
            XenApiClient other = new XenApiClient(dist.url());
            String s = other.login();
            other.call("VM.start", s, other.call("VM.get_by_uuid", s, vm), false, false);
            ssh.await(vm + " name-label=shell-vm power-state=Running", from, Duration.ofSeconds(30));
            int beforeStop = ssh.mark();
            ssh.type("\u0003");
            try {
                ssh.await("()>", beforeStop, Duration.ofSeconds(30));
            } catch (AssertionError e) {
                // Seen twice in CI runs (out of many): the prompt did not come back after Ctrl-C. Where the
                // shell's threads wait is what tells why.
                throw new AssertionError(e.getMessage() + "\nthe shell's threads:\n"
                        + ThreadDumps.matching(dist.threadDump(), "karaf.shell", "sshd", "jxapi.shell"), e);
            }
            other.call("VM.hard_shutdown", s, other.call("VM.get_by_uuid", s, vm));
        }
    }

    @Test
    @Order(6)
    void errorsArePrintedAsCodeAndParametersNotStackTraces() throws Exception {
        String out = dist.client("xe:vm-start vm=no-such-vm");
        assertTrue(out.contains("no matching VM"), out);
        String bad = dist.client("xe:vm-param-set uuid=" + vm + " VCPUs-at-startup=lots");
        assertTrue(bad.contains("not an integer"), bad);
        assertFalse(out.contains("Exception") || bad.contains("Exception"), out + bad);
    }
}
