package org.jxapi.networkd.ovs.impl;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import org.jxapi.networkd.spi.NetworkBackend;

/**
 * The one private Open vSwitch the contract classes share (starting one per test would cost a
 * second each), with two spare NICs in its namespace: veths whose peers stay in the namespace too.
 * Stopped when the JVM ends, by pid, and its namespace and directory deleted.
 */
final class OvsContracts {
    static final List<String> SPARES = List.of("sp0", "sp1");
    private static PrivateOvs shared;

    private OvsContracts() {
    }

    static synchronized PrivateOvs ovs() {
        assumeTrue(PrivateOvs.available(), "Open vSwitch (Debian openvswitch-switch) is not installed");
        if (shared == null) {
            PrivateOvs o = PrivateOvs.start();
            for (String nic : SPARES) {
                o.ip("link", "add", nic, "type", "veth", "peer", "name", nic + "p");
                o.ip("link", "set", nic + "p", "up");
            }
            Runtime.getRuntime().addShutdownHook(new Thread(o::close, "private-ovs-stop"));
            shared = o;
        }
        return shared;
    }

    static NetworkBackend backend() {
        return ovs().backend();
    }
}
