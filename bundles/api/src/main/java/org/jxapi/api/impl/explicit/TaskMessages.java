package org.jxapi.api.impl.explicit;

import java.util.Set;

import org.jxapi.api.impl.task.TaskManager;
import org.jxapi.db.Database;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.Values;
import org.jxapi.xenapi.model.api.TaskApi;
import org.jxapi.xenapi.model.types.Session;
import org.jxapi.xenapi.model.types.Task;
import org.jxapi.xenapi.model.types.TaskStatusType;

/** The explicit messages of {@code task}. */
public final class TaskMessages implements TaskApi {
    private final TaskManager tasks;
    private final Database db;

    public TaskMessages(TaskManager tasks, Database db) {
        this.tasks = tasks;
        this.db = db;
    }

    @Override
    public Ref<Task> create(Ref<Session> sessionId, String label, String description) {
        return tasks.create(sessionId, label, description).ref();
    }

    @Override
    public void destroy(Ref<Session> sessionId, Ref<Task> self) {
        tasks.destroy(self);
    }

    @Override
    public void cancel(Ref<Session> sessionId, Ref<Task> task) {
        tasks.cancel(task);
    }

    @Override
    public void setStatus(Ref<Session> sessionId, Ref<Task> self, TaskStatusType value) {
        set(self, "status", value);
    }

    @Override
    public void setProgress(Ref<Session> sessionId, Ref<Task> self, double value) {
        set(self, "progress", value);
    }

    @Override
    public void setResult(Ref<Session> sessionId, Ref<Task> self, String value) {
        set(self, "result", value);
    }

    @Override
    public void setErrorInfo(Ref<Session> sessionId, Ref<Task> self, Set<String> value) {
        set(self, "error_info", Values.copySet(value));
    }

    private void set(Ref<Task> task, String field, Object value) {
        db.write(tx -> {
            tx.require("task", task);
            tx.set("task", task, field, value);
            return null;
        });
    }
}
