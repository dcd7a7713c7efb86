package org.jxapi.api.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import org.jxapi.api.LocalXenApi;
import org.jxapi.api.impl.dispatch.Dispatcher;
import org.jxapi.api.impl.dispatch.MethodTable;
import org.jxapi.api.impl.dispatch.Origin;
import org.jxapi.api.impl.dispatch.Outcome;
import org.jxapi.api.impl.session.SessionManager;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.MessageMeta;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.XenApiType;
import org.jxapi.xenapi.model.types.Session;
import org.jxapi.xenapi.wire.RawCall;
import org.jxapi.xenapi.wire.RawValueWriter;
import org.jxapi.xenapi.wire.TypedDecoder;

/**
 * In-process calls: typed arguments are lowered to the raw form a parsed call carries and go
 * through the dispatcher like any wire call, so that type checks, RBAC and tasks are the same.
 */
final class LocalCalls implements LocalXenApi {
    private static final Origin ORIGIN = Origin.IN_PROCESS;

    private final Dispatcher dispatcher;
    private final SessionManager sessions;

    LocalCalls(Dispatcher dispatcher, SessionManager sessions) {
        this.dispatcher = dispatcher;
        this.sessions = sessions;
    }

    @Override
    public Ref<Session> login(String userName, String originator) {
        if (userName == null || userName.isEmpty()) {
            throw ErrorCodes.SESSION_AUTHENTICATION_FAILED.error();
        }
        return sessions.login(userName, "", originator, ORIGIN).ref;
    }

    @Override
    public void logout(Ref<Session> session) {
        sessions.logout(session);
    }

    @Override
    public Object call(String method, Object... args) {
        MethodTable.Resolved resolved = dispatcher.resolve(method);
        List<Object> raw = new ArrayList<>(args.length);
        MessageMeta m = resolved == null ? null : resolved.message();
        for (int i = 0; i < args.length; i++) {
            XenApiType type = m != null && i < m.params().size() ? m.params().get(i).type() : XenApiType.Special.UNTYPED;
            raw.add(lower(args[i], type));
        }
        Outcome outcome;
        try {
            outcome = dispatcher.call(new RawCall(method, raw, null, null), ORIGIN).toCompletableFuture().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
        if (outcome instanceof Outcome.Failure f) {
            List<String> d = f.errorDescription();
            throw new XenApiException(d.get(0), d.subList(1, d.size()).toArray(String[]::new));
        }
        Outcome.Success s = (Outcome.Success) outcome;
        return typed(s.value(), s.type());
    }

    private static Object lower(Object arg, XenApiType type) {
        if (arg == null) {
            return null;
        }
        // A partial record as a map of fields: already raw (create wants to know which fields were given).
        if (type instanceof XenApiType.RecordOf && arg instanceof Map<?, ?>) {
            return arg;
        }
        return RawValueWriter.toRaw(arg, type);
    }

    /**
     * Results may hold the database's row form ({@code Object[]}) for records; give callers the
     * generated records instead, by the same lowering and decoding as on the wire.
     */
    private static Object typed(Object value, XenApiType type) {
        if (value == null || type == XenApiType.Primitive.VOID || !mentionsRecords(type)) {
            return value;
        }
        return TypedDecoder.convert(RawValueWriter.toRaw(value, type), type, "result");
    }

    private static boolean mentionsRecords(XenApiType t) {
        if (t instanceof XenApiType.RecordOf || t == XenApiType.Special.EVENT_BATCH) {
            return true;
        }
        if (t instanceof XenApiType.SetOf s) {
            return mentionsRecords(s.element());
        }
        if (t instanceof XenApiType.MapOf m) {
            return mentionsRecords(m.value());
        }
        if (t instanceof XenApiType.OptionOf o) {
            return mentionsRecords(o.element());
        }
        return false;
    }
}
