package org.jxapi.db.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.jxapi.db.Row;
import org.jxapi.db.Snapshot;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.types.OnCrashBehaviour;
import org.jxapi.xenapi.model.types.VbdMode;
import org.jxapi.xenapi.model.types.VbdType;
import org.jxapi.xenapi.model.types.VmPowerState;

class StateDbXmlTest {
    /** Values that need every escape: spaces, tabs, newlines, %, quotes, XML specials, non-ASCII. */
    private static final String AWKWARD = "a b\tc\nd\r%e 'f' \"g\" <h>&i \\ ü 漢";

    @Test
    void aThousandVmsWithTheirDisksAndNicsExportAndImportBackIdentical() throws Exception {
        DatabaseImpl a = DatabaseImpl.open(DbOptions.inMemory());
        for (int start = 0; start < 1000; start += 50) {
            int s = start;
            a.write(tx -> {
                for (int i = s; i < s + 50; i++) {
                    Map<String, Object> vm = new LinkedHashMap<>();
                    vm.put("name_label", "vm " + i + " " + AWKWARD);
                    vm.put("name_description", AWKWARD);
                    vm.put("power_state", VmPowerState.values()[i % 4]);
                    vm.put("memory_static_max", (long) i << 20);
                    vm.put("VCPUs_max", (long) (i % 16 + 1));
                    vm.put("HVM_shadow_multiplier", 1.5 + i);
                    vm.put("actions_after_crash", OnCrashBehaviour.COREDUMP_AND_RESTART);
                    vm.put("other_config", Map.of("k " + i, AWKWARD, "%%", "''"));
                    vm.put("tags", List.of("t1", AWKWARD, "t" + i));
                    vm.put("snapshot_time", Instant.ofEpochSecond(1_700_000_000L + i));
                    vm.put("is_a_template", i % 7 == 0);
                    vm.put("VCPUs_params", Map.of("weight", "256"));
                    Ref<Object> ref = tx.create("VM", vm);
                    for (int d = 0; d < 3; d++) {
                        tx.create("VBD", Map.of("VM", ref, "userdevice", "" + d, "mode", d == 2 ? VbdMode.RO : VbdMode.RW,
                                "type", d == 2 ? VbdType.CD : VbdType.DISK, "qos_algorithm_params", Map.of("x", "" + d)));
                    }
                    for (int v = 0; v < 2; v++) {
                        tx.create("VIF", Map.of("VM", ref, "device", "" + v, "MAC", "02:00:00:00:" + i % 100 + ":" + v,
                                "MTU", 1500L));
                    }
                }
                return null;
            });
        }
        // Some later changes, so that created and modified generations differ.
        for (Row r : a.snapshot().table("VM")) {
            if (r.get("is_a_template").equals(Boolean.TRUE)) {
                a.write(tx -> {
                    tx.set("VM", r.ref(), "name_description", "changed " + AWKWARD);
                    return null;
                });
            }
        }
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        a.exportXml(first);

        DatabaseImpl b = DatabaseImpl.open(DbOptions.inMemory());
        b.importXml(new ByteArrayInputStream(first.toByteArray()));
        Snapshot sa = a.snapshot();
        Snapshot sb = b.snapshot();
        assertEquals(sa.generation(), sb.generation());
        assertEquals(1000, sb.table("VM").size());
        assertEquals(3000, sb.table("VBD").size());
        assertEquals(2000, sb.table("VIF").size());
        for (String table : List.of("VM", "VBD", "VIF")) {
            for (Row r : sa.table(table)) {
                Row back = sb.require(table, r.ref());
                assertEquals(r, back, table + " " + r.ref());
                assertEquals(r.created(), back.created());
                assertEquals(r.modified(), back.modified());
            }
        }
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        b.exportXml(second);
        assertArrayEquals(first.toByteArray(), second.toByteArray(), "export, import, export is not byte-identical");
        a.close();
        b.close();
    }

    @Test
    void readsTheOriginalsSpelling() throws Exception {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><database><manifest>"
                + "<pair key=\"schema_major_vsn\" value=\"5\"/><pair key=\"schema_minor_vsn\" value=\"909\"/>"
                + "<pair key=\"generation_count\" value=\"42\"/></manifest>"
                + "<table name=\"VM\"><row ref=\"OpaqueRef:vm1\" __ctime=\"3\" __mtime=\"40\" uuid=\"u-1\""
                + " name__label=\"two%.words\" memory__static_max=\"1024\" power_state=\"Running\""
                + " other_config=\"(('key' 'it\\'s%.fine'))\" tags=\"('a' 'b')\" VBDs=\"()\""
                + " unknown_future_field=\"ignored\"/></table>"
                + "<table name=\"VBD\"><row ref=\"OpaqueRef:vbd1\" __ctime=\"5\" __mtime=\"5\" uuid=\"u-2\" VM=\"OpaqueRef:vm1\"/></table>"
                + "<table name=\"session\"></table><table name=\"no_such_class\"><row ref=\"x\"/></table></database>";
        DatabaseImpl db = DatabaseImpl.open(DbOptions.inMemory());
        db.importXml(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Row vm = db.snapshot().require("VM", Ref.of("OpaqueRef:vm1"));
        assertEquals("two words", vm.get("name_label"));
        assertEquals(1024L, vm.get("memory_static_max"));
        assertEquals(VmPowerState.RUNNING, vm.get("power_state"));
        assertEquals(Map.of("key", "it's fine"), vm.get("other_config"));
        assertEquals(Set.of("a", "b"), vm.get("tags"));
        // The file's empty VBDs is corrected from VBD.VM: paired fields agree after an import.
        assertEquals(Set.of(Ref.of("OpaqueRef:vbd1")), vm.get("VBDs"));
        assertEquals(3, vm.created());
        assertEquals(40, vm.modified());
        assertTrue(db.generation() >= 42);
        assertNotNull(db.snapshot().table("VM").byNameLabel("two words").get(0));
        db.close();
    }

    @Test
    void writesTheOriginalsColumnNamesAndEscapes() throws Exception {
        DatabaseImpl db = DatabaseImpl.open(DbOptions.inMemory());
        db.write(tx -> tx.create("VM", Map.of("name_label", "a b%", "memory_static_max", 5L,
                "other_config", Map.of("k", "it's"))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        db.exportXml(out);
        String xml = out.toString(StandardCharsets.UTF_8);
        assertTrue(xml.contains("name__label=\"a%.b%%\""), xml);
        assertTrue(xml.contains("memory__static_max=\"5\""));
        assertTrue(xml.contains("other_config=\"(('k'%.'it\\'s'))\""), xml);
        assertTrue(xml.contains("<pair key=\"generation_count\" value=\"" + db.generation() + "\"/>"));
        assertTrue(xml.contains("<table name=\"session\">\n</table>"));
        db.close();
    }
}
