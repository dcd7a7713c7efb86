package org.jxapi.api.impl.explicit;

import java.util.Set;

import org.jxapi.api.impl.session.SessionInfo;
import org.jxapi.api.impl.session.SessionManager;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.Values;
import org.jxapi.xenapi.model.api.SessionApi;
import org.jxapi.xenapi.model.types.Session;

/** The explicit messages of {@code session} (the logins themselves are served by the dispatcher). */
public final class SessionMessages implements SessionApi {
    private final SessionManager sessions;

    public SessionMessages(SessionManager sessions) {
        this.sessions = sessions;
    }

    private SessionInfo info(Ref<Session> s) {
        SessionInfo i = sessions.find(s);
        if (i == null) {
            throw ErrorCodes.SESSION_INVALID.error(s.handle());
        }
        return i;
    }

    @Override
    public void logout(Ref<Session> sessionId) {
        sessions.logout(sessionId);
    }

    @Override
    public void localLogout(Ref<Session> sessionId) {
        sessions.logout(sessionId);
    }

    @Override
    public void changePassword(Ref<Session> sessionId, String oldPwd, String newPwd) {
        sessions.changePassword(info(sessionId), oldPwd, newPwd);
    }

    @Override
    public Set<String> getAllSubjectIdentifiers(Ref<Session> sessionId) {
        return Values.copySet(sessions.subjectIdentifiers());
    }

    @Override
    public void logoutSubjectIdentifier(Ref<Session> sessionId, String subjectIdentifier) {
        sessions.logoutSubject(subjectIdentifier);
    }
}
