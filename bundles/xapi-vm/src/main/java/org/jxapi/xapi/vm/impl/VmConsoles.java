package org.jxapi.xapi.vm.impl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jxapi.db.Row;
import org.jxapi.db.WriteTransaction;
import org.jxapi.xenapi.model.FieldValues;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.types.ConsoleProtocol;
import org.jxapi.xenapi.model.types.Host;
import org.jxapi.xenapi.model.types.Vm;
import org.jxapi.xenops.api.Console;

/**
 * A running VM's {@code console} objects, kept in step with the consoles xenops reports (the
 * original's update_vm console handling): one object per protocol, its location a URL of this
 * host's console handler as the original builds it, and where the console really is (TCP port
 * on this host, Unix socket path) in its other_config, for clients and the shell that connect
 * directly. A VM that is not running has no consoles.
 */
final class VmConsoles {
    /** other_config key of the TCP port on this host (absent when the console has none). */
    static final String PORT = "port";
    /** other_config key of the Unix socket path (absent when the console has none). */
    static final String PATH = "path";
    /** The original's Constants.console_uri. */
    static final String URI = "/console";

    private VmConsoles() {
    }

    /** Makes the VM's console objects match {@code consoles}; an empty list removes them all. */
    static void sync(WriteTransaction tx, Row vm, List<Console> consoles) {
        Map<ConsoleProtocol, Console> wanted = new LinkedHashMap<>();
        for (Console c : consoles) {
            wanted.putIfAbsent(c.protocol() == Console.Protocol.RFB ? ConsoleProtocol.RFB : ConsoleProtocol.VT100, c);
        }
        List<Row> have = new ArrayList<>();
        for (Object o : (Set<?>) vm.get(Vm.Fields.CONSOLES)) {
            Row r = tx.row(org.jxapi.xenapi.model.types.Console.CLASS, (Ref<?>) o);
            if (r != null) {
                have.add(r);
            }
        }
        for (Row r : have) {
            Console c = wanted.remove((ConsoleProtocol) r.get(org.jxapi.xenapi.model.types.Console.Fields.PROTOCOL));
            if (c == null) {
                tx.destroy(org.jxapi.xenapi.model.types.Console.CLASS, r.ref());
            } else {
                Map<String, String> oc = otherConfig(r, c);
                if (!Objects.equals(oc, r.get(org.jxapi.xenapi.model.types.Console.Fields.OTHER_CONFIG))) {
                    tx.set(org.jxapi.xenapi.model.types.Console.Fields.OTHER_CONFIG, r.ref(), oc);
                }
            }
        }
        for (Map.Entry<ConsoleProtocol, Console> e : wanted.entrySet()) {
            Ref<?> ref = tx.create(org.jxapi.xenapi.model.types.Console.CLASS, FieldValues.of(org.jxapi.xenapi.model.types.Console.CLASS).put(org.jxapi.xenapi.model.types.Console.Fields.PROTOCOL, e.getKey())
                    .put(org.jxapi.xenapi.model.types.Console.Fields.VM, vm.ref().cast()).put(org.jxapi.xenapi.model.types.Console.Fields.OTHER_CONFIG, otherConfig(null, e.getValue())));
            Row r = tx.require(org.jxapi.xenapi.model.types.Console.CLASS, ref);
            tx.set(org.jxapi.xenapi.model.types.Console.Fields.LOCATION, ref, location(tx, r.uuid()));
        }
    }

    /** The console's other_config: what a client set is kept; the port and path are xenops'. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> otherConfig(Row existing, Console c) {
        Map<String, String> oc = existing == null ? new HashMap<>()
                : new HashMap<>((Map<String, String>) existing.get(org.jxapi.xenapi.model.types.Console.Fields.OTHER_CONFIG));
        oc.remove(PORT);
        oc.remove(PATH);
        if (c.port() > 0) {
            oc.put(PORT, Integer.toString(c.port()));
        }
        if (!c.path().isEmpty()) {
            oc.put(PATH, c.path());
        }
        return oc;
    }

    /** {@code https://<host address>/console?uuid=<console uuid>}, as the original's clients expect. */
    static String location(WriteTransaction tx, String uuid) {
        Ref<?> host = VmStates.thisHost(tx);
        Row h = host.isNull() ? null : tx.row(Host.CLASS, host);
        String address = h == null ? "" : (String) h.get(Host.Fields.ADDRESS);
        if (address == null || address.isEmpty()) {
            address = "127.0.0.1";
        }
        if (address.indexOf(':') >= 0 && !address.startsWith("[")) {
            address = "[" + address + "]";
        }
        return "https://" + address + URI + "?uuid=" + uuid;
    }
}
