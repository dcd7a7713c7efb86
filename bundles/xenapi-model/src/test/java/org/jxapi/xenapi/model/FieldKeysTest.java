package org.jxapi.xenapi.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.reflect.Modifier;

import org.junit.jupiter.api.Test;
import org.jxapi.xenapi.model.types.Vm;
import org.jxapi.xenapi.model.types.VmPowerState;

/** The generated field keys name, number and type every field as the model does. */
class FieldKeysTest {

    @Test
    void everyFieldOfEveryClassHasAKeyAtItsModelIndex() throws Exception {
        int keys = 0;
        int fieldsInModel = 0;
        for (ClassMeta meta : Model.classes()) {
            Class<?> fields = Class.forName(meta.recordClass().getName() + "$Fields");
            ClassKey<?> owner = (ClassKey<?>) meta.recordClass().getField("CLASS").get(null);
            assertSame(meta, owner.meta(), meta.name());
            int n = 0;
            for (java.lang.reflect.Field f : fields.getFields()) {
                if (!Modifier.isStatic(f.getModifiers()) || !Field.class.isAssignableFrom(f.getType())) {
                    continue;
                }
                Field<?, ?> key = (Field<?, ?>) f.get(null);
                FieldMeta fm = meta.field(key.name());
                assertEquals(fm.index(), key.index(), key.toString());
                assertSame(owner, key.owner(), key.toString());
                if (fm.type() instanceof XenApiType.MapOf) {
                    assertInstanceOf(MapField.class, key, key.toString());
                } else if (fm.type() instanceof XenApiType.SetOf) {
                    assertInstanceOf(SetField.class, key, key.toString());
                }
                n++;
            }
            assertEquals(meta.fields().size(), n, meta.name() + ": one key per field");
            keys += n;
            fieldsInModel += meta.fields().size();
        }
        assertEquals(fieldsInModel, keys);
        assertEquals(67, Model.classes().size(), "every class was looked at");
    }

    @Test
    void aKeyReadsItsFieldFromARecord() {
        Vm vm = Vm.builder().nameLabel("k").powerState(VmPowerState.PAUSED).build();
        assertEquals("power_state", Vm.Fields.POWER_STATE.name());
        assertEquals(VmPowerState.PAUSED, vm.get(Vm.Fields.POWER_STATE.index()));
        assertEquals("k", vm.get(Vm.Fields.NAME_LABEL.index()));
        assertEquals("VM", Vm.CLASS.name());
    }
}
