package org.jxapi.api.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxapi.api.spi.MethodFallback;
import org.jxapi.xenapi.model.EventBatch;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.types.Session;
import org.jxapi.xenapi.model.types.Vm;
import org.jxapi.xenapi.model.types.VmPowerState;

/** In-process calls carry types both ways and meet the same checks as the wire; undeclared calls reach fallbacks. */
class LocalCallsTest {
    @TempDir
    Path dir;
    private TestHost host;

    @BeforeEach
    void start() throws Exception {
        host = new TestHost(dir);
    }

    @AfterEach
    void stop() throws Exception {
        host.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void typedCallsRoundTripRecordsRefsAndEnums() {
        Ref<Session> s = host.core.login("root", "test");
        Ref<Vm> vm = (Ref<Vm>) host.core.call("VM.create", s, Map.of("name_label", "local", "VCPUs_max", 4L));
        host.core.call("VM.set_name_description", s, vm, "made in-process");
        Vm record = (Vm) host.core.call("VM.get_record", s, vm);
        assertEquals("local", record.nameLabel());
        assertEquals("made in-process", record.nameDescription());
        assertEquals(4L, record.vcpusMax());
        assertEquals(VmPowerState.HALTED, record.powerState());
        Map<Ref<Vm>, Vm> all = (Map<Ref<Vm>, Vm>) host.core.call("VM.get_all_records", s);
        assertEquals(record, all.get(vm));
        Set<Ref<Vm>> byName = (Set<Ref<Vm>>) host.core.call("VM.get_by_name_label", s, "local");
        assertEquals(Set.of(vm), byName);
        EventBatch batch = (EventBatch) host.core.call("event.from", s, Set.of("vm"), "", 0.0);
        assertTrue(batch.events().stream().anyMatch(e -> e.ref().equals(vm.handle())));
        host.core.logout(s);
        XenApiException gone = assertThrows(XenApiException.class, () -> host.core.call("VM.get_record", s, vm));
        assertEquals("SESSION_INVALID", gone.code());
    }

    @Test
    void errorsAndRolesAreTheWiresOnes() {
        host.core.create("viewer", "viewer-pw", "read-only");
        Ref<Session> ro = host.core.login("viewer", "test");
        XenApiException denied = assertThrows(XenApiException.class,
                () -> host.core.call("VM.create", ro, Map.of("name_label", "nope")));
        assertEquals(List.of("RBAC_PERMISSION_DENIED", "vm.create", "No permission in user session"),
                denied.errorDescription());
        XenApiException bad = assertThrows(XenApiException.class,
                () -> host.core.call("VM.get_record", ro, Ref.of("OpaqueRef:nope")));
        assertEquals(List.of("HANDLE_INVALID", "VM", "OpaqueRef:nope"), bad.errorDescription());
        XenApiException nobody = assertThrows(XenApiException.class, () -> host.core.login("nobody", "test"));
        assertEquals("SESSION_AUTHENTICATION_FAILED", nobody.code());
        assertTrue(host.core.authenticate("viewer", "viewer-pw").isPresent());
        assertTrue(host.core.authenticate("viewer", "wrong").isEmpty());
    }

    @Test
    void undeclaredCallsReachFallbacksForPoolAdminsOnly() throws Exception {
        MethodFallback echo = (call, method, params) -> method.equals("Sample.echo")
                ? Optional.of(Map.of("user", call.userName(), "args", params.subList(1, params.size())))
                : Optional.empty();
        assertEquals("MESSAGE_METHOD_UNKNOWN", host.error("Sample.echo", host.login(), "x").get(0));
        host.core.dispatcher().fallbacks(() -> List.of(echo));
        String root = host.login();
        assertEquals(Map.of("user", "root", "args", List.of("x", 2L)), host.ok("Sample.echo", root, "x", 2));
        assertEquals(List.of("MESSAGE_METHOD_UNKNOWN", "Sample.other"), host.error("Sample.other", root));
        assertEquals(List.of("SESSION_INVALID", "OpaqueRef:bad"), host.error("Sample.echo", "OpaqueRef:bad"));
        String viewer = host.loginAs("viewer", "read-only");
        assertEquals(List.of("RBAC_PERMISSION_DENIED", "sample.echo", "No permission in user session"),
                host.error("Sample.echo", viewer, "x"));
        // XML-RPC carries the untyped answer too.
        Map<?, ?> envelope = host.xml("Sample.echo", List.of(root, "y"),
                List.of(org.jxapi.xenapi.model.XenApiType.Primitive.STRING, org.jxapi.xenapi.model.XenApiType.Primitive.STRING));
        assertEquals("Success", envelope.get("Status"));
        assertEquals(Map.of("user", "root", "args", List.of("y")), envelope.get("Value"));
    }
}
