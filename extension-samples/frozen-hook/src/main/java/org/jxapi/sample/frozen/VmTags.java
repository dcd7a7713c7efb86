package org.jxapi.sample.frozen;

import java.util.Set;

import org.jxapi.api.LocalXenApi;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.types.Session;

/**
 * Reads a VM's tags through the in-process XenAPI, as the local superuser, keeping one session
 * and opening a new one when it has expired.
 */
final class VmTags {
    private final LocalXenApi api;
    private Ref<Session> session;

    VmTags(LocalXenApi api) {
        this.api = api;
    }

    /** The tags of the VM with this uuid; empty for a VM the XenAPI does not know (driven through xenops alone). */
    @SuppressWarnings("unchecked")
    synchronized Set<String> of(String vmUuid) {
        try {
            return (Set<String>) api.call("VM.get_tags", session(), api.call("VM.get_by_uuid", session(), vmUuid));
        } catch (XenApiException e) {
            if (e.code().equals("SESSION_INVALID")) {
                session = null;
                return of(vmUuid);
            }
            if (e.code().equals("UUID_INVALID")) {
                return Set.of();
            }
            throw e;
        }
    }

    private Ref<Session> session() {
        if (session == null) {
            session = api.login("root", "sample-frozen-hook");
        }
        return session;
    }

    synchronized void close() {
        if (session != null) {
            try {
                api.logout(session);
            } catch (RuntimeException e) {
                // the server is going away too
            }
            session = null;
        }
    }
}
