package org.jxapi.api.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxapi.api.spi.MethodFallback;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.api.VmApi;
import org.jxapi.xenapi.model.types.Session;
import org.jxapi.xenapi.model.types.Vm;
import org.osgi.framework.Constants;

/**
 * The core's DS references as DS drives them (bind and unbind with the service's properties):
 * a provider answers from the moment it is bound, the highest ranking wins, and after unbinding
 * the calls give their original errors again.
 */
class ServiceBindingTest {
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

    /** A VM provider whose pause fails with a mark of its own. */
    private static VmApi pausing(String mark) {
        return new VmApi() {
            @Override
            public void pause(Ref<Session> s, Ref<Vm> vm) {
                throw ErrorCodes.VM_BAD_POWER_STATE.error(vm.handle(), mark, "halted");
            }
        };
    }

    private static Map<String, Object> props(String objectClass, long id, int ranking) {
        return Map.of(Constants.OBJECTCLASS, new String[] {objectClass}, Constants.SERVICE_ID, id,
                Constants.SERVICE_RANKING, ranking);
    }

    @Test
    void anExplicitMessageProviderAnswersOnceBoundAndTheOriginalErrorReturnsWhenItGoes() throws Exception {
        String s = host.login();
        String vm = (String) host.ok("VM.create", s, Map.of());
        List<String> original = host.error("VM.pause", s, vm);
        assertEquals(List.of("NOT_IMPLEMENTED", "VM.pause"), original);
        VmApi low = pausing("low");
        VmApi high = pausing("high");
        host.core.addApi(low, props(VmApi.class.getName(), 101, 0));
        assertEquals(List.of("VM_BAD_POWER_STATE", vm, "low", "halted"), host.error("VM.pause", s, vm));
        host.core.addApi(high, props(VmApi.class.getName(), 102, 10));
        assertEquals(List.of("VM_BAD_POWER_STATE", vm, "high", "halted"), host.error("VM.pause", s, vm));
        host.core.removeApi(high);
        assertEquals(List.of("VM_BAD_POWER_STATE", vm, "low", "halted"), host.error("VM.pause", s, vm));
        host.core.removeApi(low);
        assertEquals(original, host.error("VM.pause", s, vm));
    }

    @Test
    void aServiceUnderAnotherInterfaceIsNotTakenForAProvider() throws Exception {
        String s = host.login();
        String vm = (String) host.ok("VM.create", s, Map.of());
        // Registered under a name that is not a generated API interface: nothing changes.
        host.core.addApi(pausing("stray"), props("org.example.Unrelated", 103, 0));
        assertEquals(List.of("NOT_IMPLEMENTED", "VM.pause"), host.error("VM.pause", s, vm));
    }

    @Test
    void fallbacksAreAskedInRankingOrderAndAnUnboundOneIsGone() throws Exception {
        MethodFallback first = (call, method, params) -> Optional.of("first");
        MethodFallback second = (call, method, params) -> Optional.of("second");
        String root = host.login();
        assertEquals("MESSAGE_METHOD_UNKNOWN", host.error("Sample.echo", root).get(0));
        host.core.addFallback(second, props(MethodFallback.class.getName(), 201, 0));
        host.core.addFallback(first, props(MethodFallback.class.getName(), 202, 5));
        assertEquals("first", host.ok("Sample.echo", root));
        host.core.removeFallback(first);
        assertEquals("second", host.ok("Sample.echo", root));
        host.core.removeFallback(second);
        assertEquals(List.of("MESSAGE_METHOD_UNKNOWN", "Sample.echo"), host.error("Sample.echo", root));
    }
}
