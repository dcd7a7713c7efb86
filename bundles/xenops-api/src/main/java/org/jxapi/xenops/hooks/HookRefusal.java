package org.jxapi.xenops.hooks;

/**
 * Thrown by a {@link LifecycleHook} to fail the operation; the message reaches the client as the
 * {@code stdout} parameter of {@code XAPI_HOOK_FAILED}, so write it for a person.
 */
public class HookRefusal extends Exception {
    private static final long serialVersionUID = 1L;

    public HookRefusal(String message) {
        super(message);
    }
}
