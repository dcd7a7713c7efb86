package org.jxapi.api.impl.dispatch;

import org.jxapi.api.Call;
import org.jxapi.api.impl.session.SessionInfo;
import org.jxapi.api.impl.task.RunningTask;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.MessageMeta;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.types.Session;
import org.jxapi.xenapi.model.types.Task;

/** One call being served: its message, session and (for Async calls) task. */
public final class CallImpl implements Call {
    private final String message;
    private final SessionInfo session;
    private final RunningTask task;

    public CallImpl(MessageMeta message, SessionInfo session, RunningTask task) {
        this(message == null ? "http" : message.wireName(), session, task);
    }

    /** A call of a message the model does not declare (a XenAPI extension). */
    public CallImpl(String message, SessionInfo session, RunningTask task) {
        this.message = message;
        this.session = session;
        this.task = task;
    }

    @Override
    public String message() {
        return message;
    }

    @Override
    public Ref<Session> session() {
        return session == null ? Ref.nullRef() : session.ref;
    }

    @Override
    public String userName() {
        return session == null ? "" : session.user;
    }

    @Override
    public String role() {
        return session == null ? "" : session.role;
    }

    @Override
    public Ref<Task> task() {
        return task == null ? Ref.nullRef() : task.ref();
    }

    @Override
    public boolean isCancelled() {
        return task != null && task.isCancelled();
    }

    @Override
    public void checkCancelled() {
        if (isCancelled()) {
            throw ErrorCodes.TASK_CANCELLED.error(task.ref().handle());
        }
    }

    @Override
    public void progress(double fraction) {
        if (task != null) {
            task.progress(fraction);
        }
    }

    public SessionInfo sessionInfo() {
        return session;
    }
}
