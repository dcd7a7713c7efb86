package org.jxapi.sample.frozen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.jxapi.api.LocalXenApi;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.types.Session;
import org.jxapi.xenops.hooks.HookInvocation;
import org.jxapi.xenops.hooks.HookRefusal;
import org.osgi.util.converter.Converters;

class FrozenGuardTest {
    /** A XenAPI that knows two VMs' tags and expires its first session, as a long-running hook will see. */
    private static final class TwoVms implements LocalXenApi {
        final Map<String, Set<String>> tags = new HashMap<>(Map.of("u-frozen", Set.of("frozen", "prod"), "u-free", Set.of()));
        int logins;

        @Override
        public Ref<Session> login(String userName, String originator) {
            logins++;
            return Ref.of("OpaqueRef:session-" + logins);
        }

        @Override
        public void logout(Ref<Session> session) {
        }

        @Override
        public Object call(String method, Object... args) {
            if (args[0].equals(Ref.of("OpaqueRef:session-1"))) {
                throw ErrorCodes.SESSION_INVALID.error("OpaqueRef:session-1");
            }
            return switch (method) {
                case "VM.get_by_uuid" -> {
                    if (!tags.containsKey((String) args[1])) {
                        throw ErrorCodes.UUID_INVALID.error("VM", (String) args[1]);
                    }
                    yield Ref.of("OpaqueRef:" + args[1]);
                }
                case "VM.get_tags" -> tags.get(((Ref<?>) args[1]).handle().substring("OpaqueRef:".length()));
                default -> throw ErrorCodes.MESSAGE_METHOD_UNKNOWN.error(method);
            };
        }
    }

    private final TwoVms api = new TwoVms();
    private final FrozenGuard guard = new FrozenGuard(api,
            Converters.standardConverter().convert(Map.of("tag", "frozen")).to(FrozenConfig.class));

    @Test
    void refusesAFrozenVmAndLetsOthersAndUnknownVmsThrough() throws Exception {
        HookRefusal r = assertThrows(HookRefusal.class,
                () -> guard.run(new HookInvocation("vm-pre-start", "none", "u-frozen", "q")));
        assertEquals("VM u-frozen is tagged 'frozen' and may not start; remove the tag first", r.getMessage());
        assertEquals(2, api.logins, "an expired session is replaced");
        guard.run(new HookInvocation("vm-pre-start", "none", "u-free", "q"));
        guard.run(new HookInvocation("vm-pre-start", "none", "not-a-xenapi-vm", "q"));
        api.tags.put("u-frozen", Set.of("prod"));
        guard.run(new HookInvocation("vm-pre-resume", "none", "u-frozen", "q"));
    }
}
