package org.jxapi.xenapi.model;

import java.util.List;

/**
 * A message of the XenAPI. {@code kind} says whether it is explicit or which generic operation
 * an implicit message is; {@code field} names the field an implicit accessor works on.
 * {@code roles} lists the roles allowed to call it; {@code roleMask} has bit i set when
 * {@link Roles#ORDERED}.get(i) is among them. {@code javaName} is the method's name in the
 * generated interface of the class ({@code VmApi.start}).
 */
public record MessageMeta(String className, String name, String javaName, List<ParamMeta> params, XenApiType result,
                          List<String> roles, long roleMask, List<String> errors, ImplicitKind kind,
                          String field, Lifecycle lifecycle, boolean async) {

    /** The name clients call: {@code VM.start}. */
    public String wireName() {
        return className + "." + name;
    }

    public boolean isImplicit() {
        return kind != ImplicitKind.EXPLICIT;
    }

    /** True when the first parameter is the caller's session (every message but the logins). */
    public boolean takesSession() {
        return !params.isEmpty() && params.get(0).name().equals("session_id")
                && params.get(0).type() instanceof XenApiType.RefOf r && r.className().equals("session");
    }

    public boolean allows(String role) {
        int i = Roles.ORDERED.indexOf(role);
        return i >= 0 && (roleMask & (1L << i)) != 0;
    }
}
