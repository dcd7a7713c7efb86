package org.jxapi.xapi.vm.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jxapi.db.Row;
import org.jxapi.db.impl.DatabaseImpl;
import org.jxapi.db.impl.DbOptions;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.types.ConsoleProtocol;
import org.jxapi.xenops.api.Console;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VmConsolesTest {
    private DatabaseImpl db;
    private Ref<?> vm;

    @BeforeEach
    void setUp() throws Exception {
        db = DatabaseImpl.open(DbOptions.inMemory());
        vm = db.write(tx -> {
            Ref<?> h = tx.create("host", Map.of("name_label", "h", "address", "192.0.2.7"));
            tx.create("pool", Map.of("master", h));
            return tx.create("VM", Map.of("name_label", "v"));
        });
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private void sync(List<Console> consoles) {
        db.write(tx -> {
            VmConsoles.sync(tx, tx.require("VM", vm), consoles);
            return null;
        });
    }

    private Map<ConsoleProtocol, Row> consoles() {
        Map<ConsoleProtocol, Row> out = new HashMap<>();
        for (Object o : (Set<?>) db.snapshot().require("VM", vm).get("consoles")) {
            Row r = db.snapshot().require("console", (Ref<?>) o);
            out.put((ConsoleProtocol) r.get("protocol"), r);
        }
        return out;
    }

    @Test
    void consolesFollowWhatXenopsReports() {
        sync(List.of(new Console(Console.Protocol.VT100, 40001, "/run/c.sock"),
                new Console(Console.Protocol.RFB, 5901, "/run/v.sock")));
        Map<ConsoleProtocol, Row> c = consoles();
        assertEquals(Set.of(ConsoleProtocol.VT100, ConsoleProtocol.RFB), c.keySet());
        Row text = c.get(ConsoleProtocol.VT100);
        assertEquals("https://192.0.2.7/console?uuid=" + text.uuid(), text.get("location"));
        assertEquals(Map.of("port", "40001", "path", "/run/c.sock"), text.get("other_config"));
        assertEquals(vm, text.get("VM"));
        assertEquals(Map.of("port", "5901", "path", "/run/v.sock"), c.get(ConsoleProtocol.RFB).get("other_config"));

        // A client's own key survives; a moved port (after a toolstack restart) is followed in place.
        db.write(tx -> {
            tx.addToMap("console", text.ref(), "other_config", "mine", "kept");
            return null;
        });
        sync(List.of(new Console(Console.Protocol.VT100, 40002, "/run/c.sock")));
        c = consoles();
        assertEquals(Set.of(ConsoleProtocol.VT100), c.keySet());
        assertEquals(text.uuid(), c.get(ConsoleProtocol.VT100).uuid(), "the same object, updated");
        assertEquals(Map.of("port", "40002", "path", "/run/c.sock", "mine", "kept"),
                c.get(ConsoleProtocol.VT100).get("other_config"));

        sync(List.of());
        assertTrue(consoles().isEmpty());
        assertFalse(db.snapshot().table("console").iterator().hasNext(), "the objects are destroyed");
    }
}
