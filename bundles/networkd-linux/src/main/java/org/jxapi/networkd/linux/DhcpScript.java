package org.jxapi.networkd.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.jxapi.common.io.AtomicFile;
import org.jxapi.networkd.api.NetworkdErrorCode;
import org.jxapi.networkd.api.NetworkdException;

/**
 * The script dhclient runs on each lease event ({@code -sf}). Debian's own dhclient-script writes
 * /etc/resolv.conf, and a namespace shares the host's file system: a DHCP client started for a test
 * namespace would change the machine's name servers. So networkd gives dhclient this one: it applies
 * the lease's address and default route to the interface, and writes name servers only to the
 * resolv.conf networkd is configured with ({@code JXAPI_RESOLV_CONF}, passed with {@code -e}).
 */
final class DhcpScript {
    private DhcpScript() {
    }

    static String text(String ip) {
        return """
                #!/bin/sh
                # Written by jxapi networkd: applies a DHCP lease to $interface; name servers go only to
                # $JXAPI_RESOLV_CONF (networkd's configured resolv.conf), never to /etc/resolv.conf.
                IP=%s
                case "$reason" in
                  PREINIT)
                    $IP link set dev "$interface" up ;;
                  BOUND|RENEW|REBIND|REBOOT)
                    if [ -n "${old_ip_address:-}" ] && [ "$old_ip_address" != "${new_ip_address:-}" ]; then
                      $IP -4 addr del "$old_ip_address/${old_subnet_mask:-32}" dev "$interface" 2>/dev/null
                    fi
                    $IP -4 addr replace "$new_ip_address/${new_subnet_mask:-32}" dev "$interface"
                    for r in ${new_routers:-}; do
                      $IP -4 route replace default via "$r" dev "$interface"
                      break
                    done
                    if [ -n "${JXAPI_RESOLV_CONF:-}" ] && [ -n "${new_domain_name_servers:-}" ]; then
                      tmp="$JXAPI_RESOLV_CONF.dhcp.$$"
                      {
                        echo "# written by jxapi networkd (DHCP on $interface)"
                        search="${new_domain_search:-${new_domain_name:-}}"
                        [ -n "$search" ] && echo "search $search"
                        for s in $new_domain_name_servers; do echo "nameserver $s"; done
                      } > "$tmp" && mv -f "$tmp" "$JXAPI_RESOLV_CONF"
                    fi ;;
                  EXPIRE|FAIL|RELEASE|STOP)
                    if [ -n "${old_ip_address:-}" ]; then
                      $IP -4 addr del "$old_ip_address/${old_subnet_mask:-32}" dev "$interface" 2>/dev/null
                    fi ;;
                  BOUND6|RENEW6|REBIND6|REBOOT6)
                    if [ -n "${new_ip6_address:-}" ]; then
                      $IP -6 addr replace "$new_ip6_address/${new_ip6_prefixlen:-128}" dev "$interface"
                    fi ;;
                  EXPIRE6|RELEASE6|STOP6)
                    if [ -n "${old_ip6_address:-}" ]; then
                      $IP -6 addr del "$old_ip6_address/${old_ip6_prefixlen:-128}" dev "$interface" 2>/dev/null
                    fi ;;
                esac
                exit 0
                """.formatted(ip);
    }

    /** Writes the script into {@code dir} (again only when it differs) and returns its path. */
    static Path install(Path dir) {
        Path script = dir.resolve("jxapi-dhclient-script");
        String text = text(NetnsRunner.program("ip"));
        try {
            Files.createDirectories(dir);
            if (!Files.isRegularFile(script) || !Files.readString(script).equals(text)) {
                AtomicFile.writeString(script, text, AtomicFile.Sync.DATA);
            }
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        } catch (IOException e) {
            throw NetworkdException.of(NetworkdErrorCode.WRITE_ERROR, script.toString());
        }
        return script;
    }
}
