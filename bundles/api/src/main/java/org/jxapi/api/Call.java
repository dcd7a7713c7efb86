package org.jxapi.api;

import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.types.Session;
import org.jxapi.xenapi.model.types.Task;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The XenAPI call being served on the current thread: who makes it and, for an {@code Async.}
 * call, its task. Long operations call {@link #checkCancelled()} at their cancellation points
 * and report {@link #progress(double)}.
 */
@ProviderType
public interface Call {

    /** The wire name of the message, e.g. {@code VM.start}. */
    String message();

    Ref<Session> session();

    /** The account name of the session's user ({@code root} for the local superuser). */
    String userName();

    /** The session's most powerful role, e.g. {@code pool-admin}. */
    String role();

    /** The task of an {@code Async.} call, or the null reference for a synchronous one. */
    Ref<Task> task();

    /** Whether someone asked to cancel this call's task. */
    boolean isCancelled();

    /** A cancellation point: raises {@code TASK_CANCELLED [task]} when cancellation was asked for. */
    void checkCancelled();

    /** Sets the task's progress, 0 to 1 (ignored for synchronous calls). */
    void progress(double fraction);
}
