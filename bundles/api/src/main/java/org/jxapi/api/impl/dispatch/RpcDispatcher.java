package org.jxapi.api.impl.dispatch;

import java.util.concurrent.CompletionStage;

import org.jxapi.xenapi.wire.RawCall;

/**
 * Serves parsed calls for the transports. Never throws for a bad call: failures come back as
 * {@link Outcome.Failure}. Most calls complete before returning; long polls ({@code event.from})
 * complete later without holding a thread.
 */
public interface RpcDispatcher {
    CompletionStage<Outcome> call(RawCall call, Origin origin);

    /** The call an HTTP endpoint request runs as; SESSION_INVALID or RBAC_PERMISSION_DENIED otherwise. */
    org.jxapi.api.Call authenticate(String sessionHandle, org.jxapi.xenapi.model.MessageMeta permission);

    /** Logs in for one HTTP request carrying basic authentication; the caller logs it out afterwards. */
    org.jxapi.xenapi.model.Ref<org.jxapi.xenapi.model.types.Session> loginForRequest(String user, String password,
                                                                                    Origin origin);

    void logout(org.jxapi.xenapi.model.Ref<org.jxapi.xenapi.model.types.Session> session);

    /** Runs work with the call bound as the current one. */
    <T> T withCall(org.jxapi.api.Call call, java.util.function.Supplier<T> work);
}
