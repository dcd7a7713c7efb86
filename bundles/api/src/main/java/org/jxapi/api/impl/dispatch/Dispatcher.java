package org.jxapi.api.impl.dispatch;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.jxapi.api.impl.event.EventService;
import org.jxapi.api.impl.session.RoleTable;
import org.jxapi.api.impl.session.SessionInfo;
import org.jxapi.api.impl.session.SessionManager;
import org.jxapi.api.impl.task.TaskManager;
import org.jxapi.db.Database;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.ImplicitKind;
import org.jxapi.xenapi.model.MessageMeta;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.Values;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.XenApiType;
import org.jxapi.xenapi.model.types.Session;
import org.jxapi.xenapi.wire.RawCall;
import org.jxapi.xenapi.wire.TypedDecoder;
import org.jxapi.xenapi.wire.TypedEncoder;
import org.jxapi.xenapi.wire.XmlRpcWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one call, driven by the model: resolve the name (with its {@code Async.} twin and the
 * underscore spelling), check the arity, the session, the argument types and the caller's role,
 * then run the message: implicit ones over the database, explicit ones by whichever service
 * implements them, long polls without holding a thread.
 */
public final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final XenApiType SESSION_REF = XenApiType.ref("session");
    private static final XenApiType TASK_REF = XenApiType.ref("task");

    private final MethodTable table = new MethodTable();
    private final SessionManager sessions;
    private final TaskManager tasks;
    private final EventService events;
    private final ExplicitRegistry explicit;
    private final ImplicitMessages implicit;
    private final CallContextsImpl contexts;
    private volatile java.util.function.Supplier<List<org.jxapi.api.spi.MethodFallback>> fallbacks = List::of;

    public Dispatcher(Database db, SessionManager sessions, TaskManager tasks, EventService events,
                      ExplicitRegistry explicit, CallContextsImpl contexts) {
        this.sessions = sessions;
        this.tasks = tasks;
        this.events = events;
        this.explicit = explicit;
        this.implicit = new ImplicitMessages(db, explicit);
        this.contexts = contexts;
    }

    public CompletionStage<Outcome> call(RawCall call, Origin origin) {
        try {
            return dispatch(call, origin);
        } catch (XenApiException e) {
            return CompletableFuture.completedFuture(Outcome.of(e));
        } catch (RuntimeException e) {
            LOG.warn("{} failed unexpectedly", call.method(), e);
            return CompletableFuture.completedFuture(Outcome.of(XenApiException.internal(e)));
        }
    }

    /** Where calls of undeclared names go (XenAPI extensions), in the order to ask them. */
    public void fallbacks(java.util.function.Supplier<List<org.jxapi.api.spi.MethodFallback>> fallbacks) {
        this.fallbacks = fallbacks;
    }

    /** The message a wire name names (with its Async. flag), or null. */
    public MethodTable.Resolved resolve(String method) {
        return table.resolve(method);
    }

    public List<String> listMethods() {
        return table.listMethods();
    }

    private CompletionStage<Outcome> dispatch(RawCall call, Origin origin) {
        String method = call.method();
        if (method.equals("system.listMethods")) {
            return done(new Outcome.Success(Values.copySet(table.listMethods()), XenApiType.set(XenApiType.Primitive.STRING)));
        }
        MethodTable.Resolved resolved = table.resolve(method);
        if (resolved == null) {
            return done(undeclared(call));
        }
        MessageMeta m = resolved.message();
        List<Object> raw = call.params();
        checkArity(method, m, raw.size());
        if (!m.takesSession()) {
            return done(login(m, raw, origin));
        }
        SessionInfo session = sessions.validate(raw.get(0));
        Object[] args = convert(m, raw, session.ref);
        RoleTable.check(session.role, m);
        if (resolved.async()) {
            Ref<?> task = tasks.submit(session.ref, "Async." + m.wireName(), t -> encodeResult(
                    contexts.with(new CallImpl(m, session, t), () -> joinIfPending(run(m, args, raw))), m.result()));
            return done(new Outcome.Success(task, TASK_REF));
        }
        Object result = contexts.with(new CallImpl(m, session, null), () -> run(m, args, raw));
        if (result instanceof CompletableFuture<?> f) {
            return f.handle((v, err) -> err == null ? new Outcome.Success(v, m.result()) : failure(err));
        }
        return done(new Outcome.Success(result, m.result()));
    }

    /**
     * A name the model does not know: as in the original, it may be a XenAPI extension. The
     * session must be valid and pool-admin; then each fallback is asked in turn. Without any,
     * or when none knows the name, the answer is {@code MESSAGE_METHOD_UNKNOWN}.
     */
    private Outcome undeclared(RawCall call) {
        String method = call.method();
        List<org.jxapi.api.spi.MethodFallback> candidates = fallbacks.get();
        if (candidates.isEmpty() || call.params().isEmpty() || method.startsWith("Async.")) {
            throw ErrorCodes.MESSAGE_METHOD_UNKNOWN.error(method);
        }
        SessionInfo session = sessions.validate(call.params().get(0));
        RoleTable.checkUndeclared(session.role, method);
        CallImpl c = new CallImpl(method, session, null);
        for (org.jxapi.api.spi.MethodFallback f : candidates) {
            java.util.Optional<Object> r = contexts.with(c, () -> f.call(c, method, call.params()));
            if (r.isPresent()) {
                return new Outcome.Success(r.get(), XenApiType.Special.UNTYPED);
            }
        }
        throw ErrorCodes.MESSAGE_METHOD_UNKNOWN.error(method);
    }

    private Object run(MessageMeta m, Object[] args, List<Object> raw) {
        if (m.kind() != ImplicitKind.EXPLICIT) {
            return implicit.handle(m, args, raw);
        }
        // Long polls answer with a future, so that the transport does not hold a thread for them.
        switch (m.wireName()) {
            case "event.from" -> {
                @SuppressWarnings("unchecked")
                Set<String> classes = (Set<String>) args[1];
                return events.from(classes, (String) args[2], (Double) args[3]);
            }
            case "event.next" -> {
                @SuppressWarnings("unchecked")
                Ref<Session> s = (Ref<Session>) args[0];
                return events.next(s);
            }
            default -> {
                return explicit.invoke(m, args);
            }
        }
    }

    private static Object joinIfPending(Object v) {
        if (v instanceof CompletableFuture<?> f) {
            try {
                return f.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw e;
            }
        }
        return v;
    }

    private static Outcome failure(Throwable err) {
        Throwable t = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        if (t instanceof XenApiException x) {
            return Outcome.of(x);
        }
        LOG.warn("a call failed unexpectedly", t);
        return Outcome.of(XenApiException.internal(t));
    }

    /** How task.result stores a result: its XML-RPC value, or "" for void. */
    static String encodeResult(Object value, XenApiType type) {
        if (type == XenApiType.Primitive.VOID) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        TypedEncoder.write(new XmlRpcWriter(sb), value, type);
        return sb.toString();
    }

    private static void checkArity(String method, MessageMeta m, int received) {
        int expected = m.params().size();
        int min = expected;
        // The version and originator of login_with_password came later; clients may leave them out.
        if (m.wireName().equals("session.login_with_password")) {
            min = 2;
        }
        if (received < min || received > expected) {
            throw ErrorCodes.MESSAGE_PARAMETER_COUNT_MISMATCH.error(method, Integer.toString(expected),
                    Integer.toString(received));
        }
    }

    private static Object[] convert(MessageMeta m, List<Object> raw, Ref<Session> session) {
        Object[] args = new Object[m.params().size()];
        args[0] = session;
        for (int i = 1; i < args.length; i++) {
            var p = m.params().get(i);
            if (m.kind() == ImplicitKind.CREATE && p.type() instanceof XenApiType.RecordOf) {
                // create decodes its record itself, to know which fields the caller gave.
                if (!(raw.get(i) instanceof java.util.Map)) {
                    throw ErrorCodes.FIELD_TYPE_ERROR.error(p.name());
                }
                continue;
            }
            args[i] = TypedDecoder.convert(raw.get(i), p.type(), p.name());
        }
        return args;
    }

    private Outcome login(MessageMeta m, List<Object> raw, Origin origin) {
        String[] s = new String[4];
        for (int i = 0; i < raw.size(); i++) {
            s[i] = (String) TypedDecoder.convert(raw.get(i), XenApiType.Primitive.STRING, m.params().get(i).name());
        }
        switch (m.wireName()) {
            case "session.login_with_password", "session.slave_local_login_with_password" -> {
                SessionInfo info = sessions.login(s[0], s[1], s[3], origin);
                return new Outcome.Success(info.ref, SESSION_REF);
            }
            default -> throw ErrorCodes.NOT_IMPLEMENTED.error(m.wireName());
        }
    }

    private static CompletionStage<Outcome> done(Outcome o) {
        return CompletableFuture.completedFuture(o);
    }

    /** The session a call names, for HTTP endpoints. */
    public CallImpl authenticate(String sessionHandle, MessageMeta permission) {
        SessionInfo s = sessions.validate(sessionHandle);
        if (permission != null) {
            RoleTable.check(s.role, permission);
        } else if (!s.role.equals("pool-admin")) {
            throw ErrorCodes.RBAC_PERMISSION_DENIED.error("http", "No permission in user session");
        }
        return new CallImpl(permission, s, null);
    }

    public CallContextsImpl contexts() {
        return contexts;
    }
}
