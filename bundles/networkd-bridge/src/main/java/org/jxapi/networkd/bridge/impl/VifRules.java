package org.jxapi.networkd.bridge.impl;

import java.util.List;
import java.util.regex.Pattern;

import org.jxapi.common.exec.CommandResult;
import org.jxapi.networkd.api.NetworkdErrorCode;
import org.jxapi.networkd.api.NetworkdException;
import org.jxapi.networkd.api.VifLocking;
import org.jxapi.networkd.linux.NetnsRunner;

/**
 * What a guest's port may send, as nft rules of the bridge family: xenopsd's setup-vif-rules does the
 * same with one ebtables chain per VIF. One table (default {@code jxapi}) holds a verdict map from
 * input device to that device's chain, consulted by the forward and input hooks; a VIF has a chain
 * only while it is locked, disabled or rate limited, and each change is one {@code nft -f} transaction.
 *
 * <p>Locked: frames must come from the VIF's MAC; ARP only with that MAC and an allowed IPv4 sender;
 * IPv4 from an allowed source (and DHCP requests from 0.0.0.0); IPv6 from an allowed source, and
 * neighbour discovery from the unspecified or a link-local address; everything else is dropped.
 * Disabled: everything is dropped. A rate limit ({@code qos ratelimit}, kbit/s) polices what the guest
 * sends, as Open vSwitch's ingress policing does; this kernel has no tc police action, nft's limit does it.
 */
final class VifRules {
    private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9_.:@-]{1,15}");
    private static final Pattern MAC = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}(/\\d{1,2})?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}(/\\d{1,3})?");

    private final NetnsRunner runner;
    private final String table;

    VifRules(NetnsRunner runner, String table) {
        this.runner = runner;
        this.table = table;
        if (!DEVICE.matcher(table).matches()) {
            throw new IllegalArgumentException("not an nft table name: " + table);
        }
    }

    String table() {
        return table;
    }

    static String chain(String device) {
        return "vif_" + device.replaceAll("[^A-Za-z0-9_]", "_");
    }

    /** Sets the device's rules; none at all when it is unlocked and unlimited. */
    void apply(String device, String mac, VifLocking locking, long rateKbps) {
        check(DEVICE, device, "device");
        boolean needed = locking.mode() != VifLocking.Mode.UNLOCKED || rateKbps > 0;
        if (!needed) {
            remove(device);
            return;
        }
        StringBuilder s = base();
        String c = chain(device);
        String t = "bridge " + table + " ";
        s.append("add chain ").append(t).append(c).append('\n');
        s.append("flush chain ").append(t).append(c).append('\n');
        if (rateKbps > 0) {
            long kbytes = Math.max(1, rateKbps / 8);
            long burst = Math.max(16, kbytes / 10);
            s.append("add rule ").append(t).append(c).append(" limit rate over ").append(kbytes)
                    .append(" kbytes/second burst ").append(burst).append(" kbytes drop\n");
        }
        if (locking.mode() == VifLocking.Mode.DISABLED) {
            s.append("add rule ").append(t).append(c).append(" drop\n");
        } else if (locking.mode() == VifLocking.Mode.LOCKED) {
            locked(s, t + c, mac, locking);
        }
        s.append("add element ").append(t).append("vifs { \"").append(device).append("\" : jump ").append(c)
                .append(" }\n");
        nft(s.toString());
    }

    private static void locked(StringBuilder s, String chain, String mac, VifLocking l) {
        check(MAC, mac, "MAC");
        String m = mac.toLowerCase();
        String add = "add rule " + chain + " ";
        s.append(add).append("ether saddr != ").append(m).append(" drop\n");
        s.append(add).append("arp saddr ether != ").append(m).append(" drop\n");
        if (!l.ipv4Allowed().isEmpty()) {
            String v4 = set(IPV4, l.ipv4Allowed());
            s.append(add).append("arp saddr ip ").append(v4).append(" accept\n");
            s.append(add).append("ip saddr ").append(v4).append(" accept\n");
        }
        s.append(add).append("ip saddr 0.0.0.0 udp sport 68 udp dport 67 accept\n");
        if (!l.ipv6Allowed().isEmpty()) {
            String v6 = set(IPV6, l.ipv6Allowed());
            s.append(add).append("ip6 saddr ").append(v6).append(" accept\n");
        }
        s.append(add).append("ip6 saddr { ::, fe80::/10 } icmpv6 type { nd-router-solicit, nd-neighbor-solicit, "
                + "nd-neighbor-advert } accept\n");
        s.append(add).append("drop\n");
    }

    private static String set(Pattern p, List<String> addresses) {
        addresses.forEach(a -> check(p, a, "address"));
        return "{ " + String.join(", ", addresses) + " }";
    }

    private static void check(Pattern p, String value, String what) {
        if (value == null || !p.matcher(value).matches()) {
            // Never let a value into an nft script that could be read as more than one token.
            throw NetworkdException.of(NetworkdErrorCode.INTERNAL_ERROR, "invalid " + what + " for nft: " + value);
        }
    }

    /**
     * Removes the device's chain and map entry; nothing when it has none. One run: the delete is
     * tried, and "No such file or directory" (no table, map entry or chain) means there was nothing;
     * apply adds entry and chain in one transaction and this deletes both in one, so they go together.
     */
    void remove(String device) {
        check(DEVICE, device, "device");
        String t = "bridge " + table + " ";
        String script = "delete element " + t + "vifs { \"" + device + "\" }\n" + "delete chain " + t + chain(device)
                + "\n";
        CommandResult r = runner.runAsGiven(runner.wrap(List.of(nftProgram(), "-f", "-")), script);
        if (!r.ok() && !r.stderr().contains("No such file or directory")) {
            throw NetnsRunner.failed(r);
        }
    }

    boolean has(String device) {
        CommandResult r = runner.run(NetnsRunner.program("nft"), "list", "chain", "bridge", table, chain(device));
        return r.ok();
    }

    /** The device's rules as nft lists them (for diagnostics and tests). */
    String list(String device) {
        return runner.ok(NetnsRunner.program("nft"), "list", "chain", "bridge", table, chain(device));
    }

    /** The table, its map and its two hooks, re-made idempotently in the same transaction as each change. */
    private StringBuilder base() {
        String t = "bridge " + table + " ";
        StringBuilder s = new StringBuilder();
        s.append("add table ").append("bridge ").append(table).append('\n');
        s.append("add map ").append(t).append("vifs { type ifname : verdict ; }\n");
        for (String hook : List.of("forward", "input")) {
            s.append("add chain ").append(t).append(hook).append(" { type filter hook ").append(hook)
                    .append(" priority 0 ; policy accept ; }\n");
            s.append("flush chain ").append(t).append(hook).append('\n');
            s.append("add rule ").append(t).append(hook).append(" iifname vmap @vifs\n");
        }
        return s;
    }

    private void nft(String script) {
        runner.okWithInput(script, nftProgram(), "-f", "-");
    }

    private static String nftProgram() {
        return NetnsRunner.find("nft").orElseThrow(() -> NetworkdException.of(NetworkdErrorCode.SCRIPT_MISSING,
                "nft (port locking on a Linux bridge; Debian package nftables)"));
    }

    /** Deletes the whole table (the instance's teardown in tests; never another instance's table). */
    void dropTable() {
        CommandResult r = runner.run(NetnsRunner.program("nft"), "list", "table", "bridge", table);
        if (r.ok()) {
            runner.ok(NetnsRunner.program("nft"), "delete", "table", "bridge", table);
        }
    }
}
