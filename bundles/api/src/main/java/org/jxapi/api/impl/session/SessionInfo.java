package org.jxapi.api.impl.session;

import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.types.Session;

/** What the server keeps in memory about a live session; the database row is its public face. */
public final class SessionInfo {
    public final Ref<Session> ref;
    public final String user;
    public final String role;
    public final String originator;
    public final boolean localSuperuser;
    volatile long lastActive;

    SessionInfo(Ref<Session> ref, String user, String role, String originator, boolean localSuperuser, long now) {
        this.ref = ref;
        this.user = user;
        this.role = role;
        this.originator = originator;
        this.localSuperuser = localSuperuser;
        this.lastActive = now;
    }

    public long lastActive() {
        return lastActive;
    }
}
