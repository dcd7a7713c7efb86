package org.jxapi.api;

import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.types.Session;
import org.jxapi.xenapi.model.types.Task;
import org.osgi.annotation.versioning.ProviderType;

/**
 * XenAPI tasks for work that is not itself a XenAPI call, such as an HTTP upload: create one (or
 * adopt the {@code task_id} a client created), report progress, and finish it.
 */
@ProviderType
public interface Tasks {

    /** A new pending task owned by {@code session}. */
    TaskHandle create(Ref<Session> session, String label, String description);

    /** A handle on an existing task (e.g. a client's {@code task_id}); {@code HANDLE_INVALID} if there is none. */
    TaskHandle adopt(Ref<Task> task);

    @ProviderType
    interface TaskHandle {
        Ref<Task> ref();

        void progress(double fraction);

        boolean isCancelled();

        /** Marks the task succeeded with a result already encoded as the original encodes it ({@code <value>...</value>} or ""). */
        void succeed(String encodedResult);

        /** Marks the task failed with a XenAPI error description. */
        void fail(java.util.List<String> errorDescription);

        /** Marks the task cancelled. */
        void cancelled();
    }
}
