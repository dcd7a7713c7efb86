package org.jxapi.xenops.hooks;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Code run at VM lifecycle hook points, beside the scripts in {@code <hook root>/<point>/}.
 *
 * <p>Register it as a service with {@value #POINTS} (the hook points it wants, e.g.
 * {@code vm-pre-start}, or {@code *} for all) and {@value #NAME} (its name among the scripts).
 * At each point, scripts and services run together in the byte order of their names, a script
 * before a service of the same name; so a service named {@code 50-audit} runs after script
 * {@code 10-check} and before script {@code 90-notify}. A service without a name runs after
 * every script.
 *
 * <p>A hook runs inside the operation's task, on its worker: it should be quick. Throwing
 * {@link HookRefusal} fails the operation with {@code XAPI_HOOK_FAILED}, as a script exiting
 * with a status other than 0 or 1 does; at a pre-hook this stops the operation before it acts.
 * Any other exception is logged and ignored, as a script's exit status 1 is.
 */
@ConsumerType
public interface LifecycleHook {
    /** Service property: the hook points (String or String[]); {@code *} means every point. */
    String POINTS = "hook.point";
    /** Service property: the name that orders this hook among the scripts of the same point. */
    String NAME = "hook.name";

    void run(HookInvocation invocation) throws HookRefusal;
}
