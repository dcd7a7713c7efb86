package org.jxapi.api.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxapi.api.impl.dispatch.Origin;
import org.jxapi.api.impl.dispatch.Outcome;
import org.jxapi.xenapi.model.MessageMeta;
import org.jxapi.xenapi.model.Model;
import org.jxapi.xenapi.model.ParamMeta;
import org.jxapi.xenapi.model.Roles;
import org.jxapi.xenapi.model.XenApiType;
import org.jxapi.xenapi.wire.RawCall;

/**
 * For every message of the model (and its Async twin) and every role: a session with that role
 * may call it exactly when the model lists the role. Arguments are well typed, so that no other
 * check stands in front of RBAC.
 */
class RbacTableTest {
    @TempDir
    Path dir;

    @Test
    void everyRoleMayCallExactlyWhatTheModelAllows() throws Exception {
        try (TestHost host = new TestHost(dir)) {
            Map<String, String> sessions = new HashMap<>();
            for (String role : Roles.ORDERED) {
                sessions.put(role, login(host, role));
            }
            int checked = 0;
            List<String> wrong = new ArrayList<>();
            for (MessageMeta m : Model.messages()) {
                if (!m.takesSession()) {
                    continue;
                }
                for (String role : Roles.ORDERED) {
                    boolean allowed = m.roles().isEmpty() || m.roles().contains(role);
                    for (boolean async : m.async() ? new boolean[] {false, true} : new boolean[] {false}) {
                        Outcome o = call(host, sessions, role, m, async);
                        checked++;
                        if (m.wireName().equals("session.change_password")) {
                            // The table calls it for real: put the password back.
                            restorePassword(host, role);
                        }
                        boolean denied = o instanceof Outcome.Failure f
                                && f.errorDescription().get(0).equals("RBAC_PERMISSION_DENIED");
                        if (denied == allowed) {
                            wrong.add((async ? "Async." : "") + m.wireName() + " as " + role + ": " + o);
                        }
                        if (denied) {
                            assertEquals(List.of("RBAC_PERMISSION_DENIED", m.wireName().toLowerCase(Locale.ROOT),
                                    "No permission in user session"), ((Outcome.Failure) o).errorDescription());
                        }
                    }
                }
            }
            assertTrue(wrong.isEmpty(), wrong.size() + " wrong decisions, e.g. " + wrong.subList(0, Math.min(10, wrong.size())));
            assertTrue(checked > 1816 * 7, "only " + checked + " checks");
            System.out.println("RBAC table: " + checked + " (message, role) calls checked against the model");
        }
    }

    private static void restorePassword(TestHost host, String role) {
        if (role.equals("pool-admin")) {
            host.core.setPassword("root", TestHost.ROOT_PASSWORD);
        } else {
            host.core.setPassword("u-" + role, "u-" + role + "-pw");
        }
    }

    private static String login(TestHost host, String role) throws Exception {
        return role.equals("pool-admin") ? host.login() : host.loginAs("u-" + role, role);
    }

    private static Outcome call(TestHost host, Map<String, String> sessions, String role, MessageMeta m, boolean async)
            throws Exception {
        for (int attempt = 0; attempt < 2; attempt++) {
            List<Object> args = new ArrayList<>();
            args.add(sessions.get(role));
            for (ParamMeta p : m.params().subList(1, m.params().size())) {
                args.add(dummy(p.type()));
            }
            RawCall call = new RawCall((async ? "Async." : "") + m.wireName(), args, 1L, "2.0");
            CompletableFuture<Outcome> f = host.core.call(call, new Origin("rbac-test", false)).toCompletableFuture();
            Outcome o;
            try {
                o = f.get(2, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                // A long poll (event.next) that passed every check: not denied.
                return new Outcome.Success(null, XenApiType.Primitive.VOID);
            }
            // A message of the table (session.logout) may end the session: log in again and retry.
            if (o instanceof Outcome.Failure fail && fail.errorDescription().get(0).equals("SESSION_INVALID")) {
                sessions.put(role, login(host, role));
                continue;
            }
            return o;
        }
        throw new AssertionError("could not call " + m.wireName() + " as " + role);
    }

    /** A well-typed value of any parameter type, as it would arrive on the wire. */
    static Object dummy(XenApiType t) {
        if (t instanceof XenApiType.Primitive p) {
            return switch (p) {
                case STRING -> "x";
                case INT -> 0L;
                case FLOAT -> 0.0;
                case BOOL -> Boolean.FALSE;
                case DATETIME -> "19700101T00:00:00Z";
                case VOID -> "";
            };
        }
        if (t instanceof XenApiType.RefOf) {
            return "OpaqueRef:NULL";
        }
        if (t instanceof XenApiType.EnumOf e) {
            return e.values().get(0).toString();
        }
        if (t instanceof XenApiType.SetOf || t instanceof XenApiType.OptionOf) {
            return List.of();
        }
        return Map.of();
    }
}
