package org.jxapi.xapi.network.impl;

import java.util.regex.Pattern;

import org.jxapi.xenapi.model.ErrorCodes;

/** Checks and conversions of the textual addresses clients give (IP, netmask, CIDR, MAC). */
final class Addresses {
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern MAC = Pattern.compile("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}");

    private Addresses() {
    }

    static boolean isIpv4(String s) {
        return s != null && IPV4.matcher(s).matches();
    }

    static boolean isIpv6(String s) {
        if (s == null || s.indexOf(':') < 0 || !s.matches("[0-9a-fA-F:.]+")) {
            return false;
        }
        try {
            return java.net.InetAddress.getByName(s) instanceof java.net.Inet6Address;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    static boolean isMac(String s) {
        return s != null && MAC.matcher(s).matches();
    }

    /** {@code parameter} must be an IPv4 address, else INVALID_IP_ADDRESS_SPECIFIED [parameter]. */
    static void requireIpv4(String value, String parameter) {
        if (!isIpv4(value)) {
            throw ErrorCodes.INVALID_IP_ADDRESS_SPECIFIED.error(parameter);
        }
    }

    /** {@code address/prefix} with an address of the family; else INVALID_CIDR_ADDRESS_SPECIFIED [parameter]. */
    static void requireCidr(String value, boolean v6, String parameter) {
        int slash = value == null ? -1 : value.indexOf('/');
        boolean ok = slash > 0;
        if (ok) {
            String a = value.substring(0, slash);
            ok = v6 ? isIpv6(a) : isIpv4(a);
            try {
                int p = Integer.parseInt(value.substring(slash + 1));
                ok &= p >= 0 && p <= (v6 ? 128 : 32);
            } catch (NumberFormatException e) {
                ok = false;
            }
        }
        if (!ok) {
            throw ErrorCodes.INVALID_CIDR_ADDRESS_SPECIFIED.error(parameter);
        }
    }

    /** 255.255.255.0 -> 24; -1 for a mask that is not contiguous. */
    static int prefixOf(String netmask) {
        if (!isIpv4(netmask)) {
            return -1;
        }
        long bits = 0;
        for (String part : netmask.split("\\.")) {
            bits = (bits << 8) | Integer.parseInt(part);
        }
        int prefix = Long.bitCount(bits);
        long expected = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return bits == expected ? prefix : -1;
    }

    /** 24 -> 255.255.255.0. */
    static String netmaskOf(int prefix) {
        long bits = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return ((bits >> 24) & 255) + "." + ((bits >> 16) & 255) + "." + ((bits >> 8) & 255) + "." + (bits & 255);
    }

    /** A random locally administered unicast MAC, as the original gives tunnel access PIFs. */
    static String randomMac() {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        StringBuilder sb = new StringBuilder(String.format("%02x", (r.nextInt(256) & 0xfc) | 0x02));
        for (int i = 0; i < 5; i++) {
            sb.append(':').append(String.format("%02x", r.nextInt(256)));
        }
        return sb.toString();
    }
}
