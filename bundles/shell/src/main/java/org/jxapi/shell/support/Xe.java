package org.jxapi.shell.support;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jxapi.api.LocalXenApi;
import org.jxapi.xenapi.model.ClassMeta;
import org.jxapi.xenapi.model.EventBatch;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.MessageMeta;
import org.jxapi.xenapi.model.Model;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.XenApiRecord;
import org.jxapi.xenapi.model.XenApiType;
import org.jxapi.xenapi.model.types.Session;
import org.jxapi.xenapi.model.types.Task;
import org.jxapi.xenapi.model.types.TaskStatusType;
import org.jxapi.xenapi.wire.TypedDecoder;
import org.jxapi.xenapi.wire.XmlRpcParser;

/**
 * One command's XenAPI session, as the shell's user: typed calls, records by class, uuids of
 * references (cached for the command), and long operations run as tasks with a progress bar.
 */
public final class Xe implements AutoCloseable {
    /** How long one wait for a task's next change lasts before Ctrl-C is looked at again. */
    private static final double EVENT_WAIT_SECONDS = 0.5;

    private final LocalXenApi api;
    private final Ref<Session> session;
    private final org.apache.karaf.shell.api.console.Session shell;
    private final Map<String, Optional<String>> uuids = new HashMap<>();

    private Xe(LocalXenApi api, Ref<Session> session, org.apache.karaf.shell.api.console.Session shell) {
        this.api = api;
        this.session = session;
        this.shell = shell;
    }

    public static Xe open(LocalXenApi api, String user, org.apache.karaf.shell.api.console.Session shell) {
        return new Xe(api, api.login(user, "xe-shell"), shell);
    }

    public Ref<Session> session() {
        return session;
    }

    public LocalXenApi api() {
        return api;
    }

    /** Calls {@code method} with the session prepended to {@code args}. */
    public Object call(String method, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = session;
        System.arraycopy(args, 0, all, 1, args.length);
        return api.call(method, all);
    }

    @SuppressWarnings("unchecked")
    public Map<Ref<?>, XenApiRecord> records(String className) {
        Map<Ref<?>, XenApiRecord> all = (Map<Ref<?>, XenApiRecord>) call(className + ".get_all_records");
        return new LinkedHashMap<>(all);
    }

    public XenApiRecord record(String className, Ref<?> ref) {
        return (XenApiRecord) call(className + ".get_record", ref);
    }

    public Ref<?> byUuid(String className, String uuid) {
        return (Ref<?>) call(className + ".get_by_uuid", uuid);
    }

    /** The uuid of the object a reference names, or empty when it names nothing. */
    public Optional<String> uuidOf(String className, Ref<?> ref) {
        return uuids.computeIfAbsent(className + "/" + ref.handle(), k -> {
            try {
                return Optional.of((String) call(className + ".get_uuid", ref));
            } catch (XenApiException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * Runs {@code method} as an {@code Async.} task, drawing its progress on an interactive
     * terminal, and returns its typed result. An interrupt (Ctrl-C) cancels the task.
     */
    public Object task(String method, Object... args) throws InterruptedException {
        MessageMeta m = message(method);
        if (m == null || !m.async()) {
            // No Async twin (implicit messages such as destroy): a plain call.
            return call(method, args);
        }
        @SuppressWarnings("unchecked")
        Ref<Task> task = (Ref<Task>) call("Async." + method, args);
        ProgressBar bar = ProgressBar.on(shell, method);
        // Follow the task object's changes (progress, status) through event.from instead of
        // polling on a timer: the loop wakes as soon as the task moves or finishes.
        java.util.Set<String> watched = java.util.Set.of("task/" + task.handle());
        String token = ((EventBatch) call("event.from", watched, "", 0.0)).token();
        try {
            while (true) {
                TaskStatusType status = (TaskStatusType) call("task.get_status", task);
                if (status != TaskStatusType.PENDING && status != TaskStatusType.CANCELLING) {
                    return finish(method, task, status);
                }
                bar.show((Double) call("task.get_progress", task));
                if (Thread.interrupted()) {
                    call("task.cancel", task);
                    bar.clear();
                    throw new InterruptedException("cancelled " + method);
                }
                // Bounded, so that an interrupt (Ctrl-C) is seen within half a second.
                token = ((EventBatch) call("event.from", watched, token, EVENT_WAIT_SECONDS)).token();
            }
        } finally {
            bar.clear();
        }
    }

    @SuppressWarnings("unchecked")
    private Object finish(String method, Ref<Task> task, TaskStatusType status) {
        try {
            if (status == TaskStatusType.SUCCESS) {
                String result = (String) call("task.get_result", task);
                MessageMeta m = message(method);
                if (m == null || result.isEmpty() || m.result() == XenApiType.Primitive.VOID) {
                    return null;
                }
                String doc = "<methodResponse><params><param>" + result + "</param></params></methodResponse>";
                Object raw = XmlRpcParser.parseResponse(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)));
                return TypedDecoder.convert(raw, m.result(), "result");
            }
            // error_info is a string set in the model; its order is the error's, code first.
            java.util.List<String> error = new java.util.ArrayList<>((java.util.Collection<String>) call("task.get_error_info", task));
            if (error.isEmpty()) {
                throw ErrorCodes.TASK_CANCELLED.error(task.handle());
            }
            throw new XenApiException(error.get(0), error.subList(1, error.size()).toArray(String[]::new));
        } finally {
            try {
                call("task.destroy", task);
            } catch (XenApiException e) {
                // already gone
            }
        }
    }

    private static MessageMeta message(String method) {
        int dot = method.indexOf('.');
        ClassMeta c = Model.clazz(method.substring(0, dot));
        return c == null ? null : c.message(method.substring(dot + 1));
    }

    @Override
    public void close() {
        try {
            api.logout(session);
        } catch (RuntimeException e) {
            // the session is already gone
        }
    }
}
