package org.jxapi.xenapi.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.jxapi.xenapi.model.api.VmApi;
import org.jxapi.xenapi.model.types.OnNormalExit;
import org.jxapi.xenapi.model.types.Vm;
import org.jxapi.xenapi.model.types.VmPowerState;

class ModelCountsTest {

    @Test
    void everyClassOfTheModelWasGenerated() {
        assertEquals(67, Model.classes().size());
        for (ClassMeta c : Model.classes()) {
            assertSame(c, Model.clazz(c.name()));
            assertNotNull(c.recordClass(), c.name());
            assertEquals(c.javaName(), c.recordClass().getSimpleName());
        }
    }

    @Test
    void everyFieldAndMessageWasGenerated() {
        int fields = 0;
        int messages = 0;
        int explicit = 0;
        for (ClassMeta c : Model.classes()) {
            fields += c.fields().size();
            messages += c.messages().size();
            explicit += (int) c.messages().stream().filter(m -> !m.isImplicit()).count();
            assertEquals(c.fields().size(), c.recordClass().getRecordComponents().length, c.name());
        }
        assertEquals(845, fields);
        assertEquals(1828, messages);
        assertEquals(479, explicit);
        assertEquals(1828, Model.messages().size());
    }

    @Test
    void everyErrorCodeWasGeneratedWithItsParameterNames() {
        assertEquals(608, ErrorCodes.all().size());
        assertEquals(List.of("class", "handle"), ErrorCodes.HANDLE_INVALID.params());
        assertEquals(List.of("method", "expected", "received"), ErrorCodes.MESSAGE_PARAMETER_COUNT_MISMATCH.params());
        XenApiException e = ErrorCodes.VM_BAD_POWER_STATE.error("OpaqueRef:x", "halted", "running");
        assertEquals(List.of("VM_BAD_POWER_STATE", "OpaqueRef:x", "halted", "running"), e.errorDescription());
    }

    @Test
    void rolesAreOrderedFromMostToLeastPowerful() {
        assertEquals("pool-admin", Roles.ORDERED.get(0));
        assertEquals("read-only", Roles.ORDERED.get(Roles.ORDERED.size() - 1));
        MessageMeta start = Model.message("VM.start");
        assertTrue(start.allows("pool-admin"));
        assertTrue(start.allows("vm-operator"));
        assertFalse(start.allows("read-only"));
        assertTrue(Model.message("VM.get_record").allows("read-only"));
    }

    @Test
    void releasesCarryTheirApiVersions() {
        assertEquals("2.21", Releases.byCodeName("nile").apiVersion());
        assertEquals("1.1", Releases.ALL.get(0).apiVersion());
        assertNull(Releases.byCodeName("no-such-release"));
    }

    @Test
    void messageMetadataDescribesImplicitAndExplicitMessages() {
        MessageMeta start = Model.message("VM.start");
        assertEquals(ImplicitKind.EXPLICIT, start.kind());
        assertTrue(start.async());
        assertEquals(List.of("session_id", "vm", "start_paused", "force"),
                start.params().stream().map(ParamMeta::name).toList());
        assertTrue(start.errors().contains("VM_BAD_POWER_STATE"));
        MessageMeta getter = Model.message("VM.get_power_state");
        assertEquals(ImplicitKind.GET_FIELD, getter.kind());
        assertEquals("power_state", getter.field());
        assertFalse(getter.async());
        assertEquals(ImplicitKind.ADD_TO_MAP, Model.message("VM.add_to_other_config").kind());
        assertEquals(ImplicitKind.ADD_TO_SET, Model.message("VM.add_tags").kind());
        assertEquals(ImplicitKind.CREATE, Model.message("VM.create").kind());
        assertTrue(Model.message("VM.create").async());
        assertFalse(Model.message("session.login_with_password").async());
        assertFalse(Model.message("session.login_with_password").takesSession());
        assertTrue(start.takesSession());
        assertEquals(Lifecycle.State.PUBLISHED, start.lifecycle().state());
    }

    @Test
    void recordsCarryTheModelDefaults() {
        Vm vm = Vm.defaults();
        assertEquals(VmPowerState.HALTED, vm.powerState());
        assertTrue(vm.otherConfig().isEmpty());
        assertTrue(vm.residentOn().isNull());
        Vm named = Vm.builder().nameLabel("web").actionsAfterShutdown(OnNormalExit.RESTART).build();
        assertEquals("web", named.nameLabel());
        assertEquals(OnNormalExit.RESTART, named.actionsAfterShutdown());
        assertEquals(vm.uuid(), named.uuid());
        assertEquals("web", named.get(Vm.META.field("name_label").index()));
    }

    @Test
    void explicitMessagesNobodyImplementsAnswerNotImplemented() {
        VmApi none = new VmApi() { };
        XenApiException e = assertThrows(XenApiException.class, () -> VmApi.invoke(none, "start",
                new Object[] {Ref.fresh(), Ref.fresh(), false, false}));
        assertEquals(List.of("NOT_IMPLEMENTED", "VM.start"), e.errorDescription());
        VmApi starter = new VmApi() {
            @Override
            public void start(Ref<org.jxapi.xenapi.model.types.Session> s, Ref<Vm> vm, boolean paused, boolean force) {
                throw ErrorCodes.VM_BAD_POWER_STATE.error(vm.handle(), "halted", paused ? "paused" : "running");
            }
        };
        XenApiException e2 = assertThrows(XenApiException.class, () -> VmApi.invoke(starter, "start",
                new Object[] {Ref.fresh(), Ref.of("OpaqueRef:a"), true, false}));
        assertEquals(List.of("VM_BAD_POWER_STATE", "OpaqueRef:a", "halted", "paused"), e2.errorDescription());
    }

    @Test
    void refsCompareByHandleAndKnowNull() {
        assertTrue(Ref.of("OpaqueRef:NULL").isNull());
        assertSame(Ref.nullRef(), Ref.of(""));
        assertEquals(Ref.of("OpaqueRef:1"), Ref.of("OpaqueRef:1"));
        assertFalse(Ref.fresh().equals(Ref.fresh()));
    }
}
