package org.jxapi.db.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jxapi.db.Row;
import org.jxapi.xenapi.model.FieldValues;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.types.Vbd;
import org.jxapi.xenapi.model.types.Vm;
import org.jxapi.xenapi.model.types.VmOperations;
import org.jxapi.xenapi.model.types.VmPowerState;

/** The typed overloads read and write what the by-name ones do, and refuse a field of another class. */
class TypedAccessTest {
    private final DatabaseImpl db;

    TypedAccessTest() throws IOException {
        db = DatabaseImpl.open(DbOptions.inMemory());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void typedWritesAreSeenByTypedAndByNameReads() {
        Ref<Vm> vm = db.write(tx -> tx.create(Vm.CLASS, FieldValues.of(Vm.CLASS).put(Vm.Fields.NAME_LABEL, "t")
                .put(Vm.Fields.MEMORY_STATIC_MAX, 1L << 30)));
        db.write(tx -> {
            tx.set(Vm.Fields.POWER_STATE, vm, VmPowerState.PAUSED);
            tx.addToMap(Vm.Fields.OTHER_CONFIG, vm, "k", "v");
            tx.addToMap(Vm.Fields.CURRENT_OPERATIONS, vm, "op", VmOperations.START);
            tx.addToSet(Vm.Fields.TAGS, vm, "a");
            tx.addToSet(Vm.Fields.TAGS, vm, "b");
            tx.removeFromSet(Vm.Fields.TAGS, vm, "a");
            return null;
        });
        Row r = db.snapshot().require(Vm.CLASS, vm);
        assertEquals("t", r.get(Vm.Fields.NAME_LABEL));
        assertEquals(1L << 30, (long) r.get(Vm.Fields.MEMORY_STATIC_MAX));
        assertEquals(VmPowerState.PAUSED, r.get(Vm.Fields.POWER_STATE));
        assertEquals(r.get("power_state"), r.get(Vm.Fields.POWER_STATE));
        assertEquals(Map.of("k", "v"), r.get(Vm.Fields.OTHER_CONFIG));
        assertEquals(Map.of("op", VmOperations.START), r.get(Vm.Fields.CURRENT_OPERATIONS));
        assertEquals(Set.of("b"), r.get(Vm.Fields.TAGS));
        db.write(tx -> {
            tx.removeFromMap(Vm.Fields.OTHER_CONFIG, vm, "k");
            return null;
        });
        assertTrue(db.snapshot().row(Vm.CLASS, vm).get(Vm.Fields.OTHER_CONFIG).isEmpty());
        assertEquals(1, db.snapshot().table(Vm.CLASS).size());
    }

    @Test
    void updateSetsOnlyWhatDiffersAndDestroyRemoves() {
        Ref<Vm> vm = db.write(tx -> tx.create(Vm.CLASS, FieldValues.of(Vm.CLASS).put(Vm.Fields.NAME_LABEL, "same")));
        long before = db.snapshot().require(Vm.CLASS, vm).modified();
        db.write(tx -> {
            tx.update(vm, FieldValues.of(Vm.CLASS).put(Vm.Fields.NAME_LABEL, "same"));
            return null;
        });
        assertEquals(before, db.snapshot().require(Vm.CLASS, vm).modified(), "an unchanged field is not written");
        db.write(tx -> {
            tx.update(vm, FieldValues.of(Vm.CLASS).put(Vm.Fields.NAME_LABEL, "other"));
            return null;
        });
        assertEquals("other", db.snapshot().require(Vm.CLASS, vm).get(Vm.Fields.NAME_LABEL));
        db.write(tx -> {
            tx.destroy(Vm.CLASS, vm);
            return null;
        });
        assertEquals(null, db.snapshot().row(Vm.CLASS, vm));
        assertEquals("HANDLE_INVALID",
                assertThrows(XenApiException.class, () -> db.snapshot().require(Vm.CLASS, vm)).code());
    }

    @Test
    void aFieldOfAnotherClassIsRefused() {
        Ref<Vm> vm = db.write(tx -> tx.create(Vm.CLASS, FieldValues.of(Vm.CLASS)));
        Row r = db.snapshot().require(Vm.CLASS, vm);
        // VBD.type and VM.power_state differ in class; reading one from the other would read the wrong slot.
        assertThrows(IllegalArgumentException.class, () -> r.get(Vbd.Fields.TYPE));
    }
}
