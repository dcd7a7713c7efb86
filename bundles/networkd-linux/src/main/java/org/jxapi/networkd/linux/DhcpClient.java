package org.jxapi.networkd.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jxapi.networkd.api.NetworkdErrorCode;
import org.jxapi.networkd.api.NetworkdException;

/**
 * The DHCP client (ISC dhclient) of one interface and family, known by its pid file under the state
 * directory: started daemonised ({@code -nw}) inside the namespace, stopped with {@code -x} (no
 * release, as the original does when it reconfigures), running while the pid file names a live process.
 */
final class DhcpClient {
    private final NetnsRunner runner;
    private final String program;
    private final Path dir;

    DhcpClient(NetnsRunner runner, String program, Path dir) {
        this.runner = runner;
        this.program = program;
        this.dir = dir;
    }

    boolean running(String family, String iface) {
        Path pid = pidFile(family, iface);
        try {
            if (!Files.isRegularFile(pid)) {
                return false;
            }
            String p = Files.readString(pid).strip();
            return !p.isEmpty() && p.chars().allMatch(Character::isDigit) && Files.exists(Path.of("/proc", p));
        } catch (IOException e) {
            return false;
        }
    }

    void start(String family, String iface) {
        String dhclient = NetnsRunner.find(program).orElseThrow(() -> NetworkdException.of(
                NetworkdErrorCode.SCRIPT_MISSING, program + " (the DHCP client; Debian package isc-dhcp-client)"));
        if (running(family, iface)) {
            return;
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw NetworkdException.of(NetworkdErrorCode.WRITE_ERROR, dir.toString());
        }
        List<String> argv = new ArrayList<>(List.of(dhclient, family, "-nw", "-pf", pidFile(family, iface).toString(),
                "-lf", dir.resolve("dhclient" + family + "-" + iface + ".leases").toString(), iface));
        runner.ok(argv);
    }

    void stop(String family, String iface) {
        if (!running(family, iface)) {
            return;
        }
        String dhclient = NetnsRunner.program(program);
        runner.ok(dhclient, family, "-x", "-pf", pidFile(family, iface).toString(), iface);
    }

    private Path pidFile(String family, String iface) {
        return dir.resolve("dhclient" + family + "-" + iface + ".pid");
    }
}
