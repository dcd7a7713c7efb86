package org.jxapi.api;

import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.types.Session;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The XenAPI for code in the same runtime (the shell, hooks, extensions): the same dispatch, type
 * checks, RBAC, tasks and events as a call over the wire, without the encoding. Failures are
 * thrown as {@link org.jxapi.xenapi.model.XenApiException} with the wire's code and parameters.
 */
@ProviderType
public interface LocalXenApi {

    /**
     * Opens a session for an account whose user proved who they are elsewhere (the shell's SSH
     * login, or a bundle acting as the local superuser {@code root}); no password is checked, as
     * on the original's local socket. {@code SESSION_AUTHENTICATION_FAILED} if there is no such account.
     */
    Ref<Session> login(String userName, String originator);

    void logout(Ref<Session> session);

    /**
     * Calls a message by its wire name ({@code VM.start}, {@code Async.VM.start},
     * {@code VM.get_all_records}) with its arguments in model order, the session first. Arguments
     * are typed as the model says ({@code Ref}, generated enums and records, {@code long},
     * {@code Set}, {@code Map}); a record argument may also be given as a map of field name to
     * value, holding only the fields to set. Returns the typed result: a generated record for a
     * record, {@code null} for void. Long polls such as {@code event.from} block until they answer.
     */
    Object call(String method, Object... args);
}
