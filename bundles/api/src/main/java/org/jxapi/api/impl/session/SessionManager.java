package org.jxapi.api.impl.session;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jxapi.api.Accounts.Account;
import org.jxapi.api.impl.dispatch.Origin;
import org.jxapi.db.Database;
import org.jxapi.db.Row;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.types.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions: logging in, checking a session on every call, logging out, and the original's limits
 * (at most N sessions per user name and per originator, the least recently active one goes;
 * sessions idle longer than the timeout expire). Sessions live in the database's in-memory
 * session table; their activity is tracked here and written back once a minute.
 */
public final class SessionManager {
    private static final Logger LOG = LoggerFactory.getLogger(SessionManager.class);

    /** The tunables, from configuration. */
    public record Limits(int perUser, int perOriginator, long idleMillis) { }

    private final Database db;
    private final AccountStore accounts;
    private final Limits limits;
    /** Idle timeouts and activity are measured on this clock (the system's, or a test's). */
    private final Clock clock;
    private final LoginThrottle throttle = new LoginThrottle();
    private final ConcurrentHashMap<String, SessionInfo> sessions = new ConcurrentHashMap<>();
    private final List<Consumer<Ref<Session>>> logoutListeners = new CopyOnWriteArrayList<>();

    public SessionManager(Database db, AccountStore accounts, Clock clock, Limits limits) {
        this.db = db;
        this.clock = clock;
        this.accounts = accounts;
        this.limits = limits;
        accounts.onRemoved(this::logoutUser);
        // Sessions do not outlive the server; clear any the in-memory table still holds.
        db.write(tx -> {
            for (Row r : tx.table("session")) {
                tx.destroy("session", r.ref());
            }
            return null;
        });
    }

    /** Runs when a session ends, e.g. to wake its blocked event.next. */
    public void onLogout(Consumer<Ref<Session>> listener) {
        logoutListeners.add(listener);
    }

    /**
     * {@code session.login_with_password}. On the local Unix socket no password is needed (as
     * the original trusts local root); elsewhere failures are slowed down per source address.
     */
    public SessionInfo login(String uname, String pwd, String originator, Origin origin) {
        long now = clock.millis();
        Account account;
        if (origin.local()) {
            account = accounts.find(uname == null || uname.isEmpty() ? AccountStore.ROOT : uname);
        } else {
            long delay = throttle.delayMillis(origin.remoteAddress(), now);
            if (delay > 0) {
                sleep(delay);
            }
            account = accounts.verify(uname, pwd == null ? "" : pwd);
        }
        if (account == null) {
            throttle.failed(origin.remoteAddress(), clock.millis());
            LOG.info("failed login for \"{}\" from {}", uname, origin.remoteAddress());
            throw ErrorCodes.SESSION_AUTHENTICATION_FAILED.error();
        }
        throttle.succeeded(origin.remoteAddress());
        return open(account, originator == null ? "" : originator, now);
    }

    private SessionInfo open(Account account, String originator, long now) {
        evictBeyondLimit(account.name(), originator);
        boolean root = account.name().equals(AccountStore.ROOT);
        Ref<Session> ref = Ref.fresh();
        SessionInfo info = new SessionInfo(ref, account.name(), account.role(), originator, root, now);
        db.write(tx -> {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("this_host", thisHost(tx));
            f.put("last_active", Instant.ofEpochMilli(now));
            f.put("validation_time", Instant.ofEpochMilli(now));
            f.put("is_local_superuser", root);
            f.put("auth_user_name", account.name());
            f.put("auth_user_sid", account.subjectIdentifier());
            f.put("originator", originator);
            f.put("subject", subjectOf(tx, account.subjectIdentifier()));
            return tx.create("session", ref, f);
        });
        sessions.put(ref.handle(), info);
        return info;
    }

    private static Ref<?> thisHost(org.jxapi.db.Reader r) {
        for (Row pool : r.table("pool")) {
            return (Ref<?>) pool.get("master");
        }
        return Ref.nullRef();
    }

    private static Ref<?> subjectOf(org.jxapi.db.Reader r, String sid) {
        if (sid.isEmpty()) {
            return Ref.nullRef();
        }
        for (Row s : r.table("subject")) {
            if (sid.equals(s.get("subject_identifier"))) {
                return s.ref();
            }
        }
        return Ref.nullRef();
    }

    private void evictBeyondLimit(String user, String originator) {
        List<SessionInfo> sameUser = new ArrayList<>();
        List<SessionInfo> sameOriginator = new ArrayList<>();
        for (SessionInfo s : sessions.values()) {
            if (s.user.equals(user)) {
                sameUser.add(s);
            }
            if (!originator.isEmpty() && s.originator.equals(originator)) {
                sameOriginator.add(s);
            }
        }
        evictOldest(sameUser, limits.perUser());
        evictOldest(sameOriginator, limits.perOriginator());
    }

    private void evictOldest(List<SessionInfo> group, int limit) {
        if (group.size() < limit) {
            return;
        }
        group.sort((a, b) -> Long.compare(a.lastActive, b.lastActive));
        for (int i = 0; i <= group.size() - limit; i++) {
            LOG.info("session limit reached: logging out the least recently used session of {}", group.get(i).user);
            logout(group.get(i).ref);
        }
    }

    /** The live session a call names, or {@code SESSION_INVALID [handle]}. */
    public SessionInfo validate(Object rawRef) {
        String handle = rawRef instanceof String s ? s : String.valueOf(rawRef);
        SessionInfo info = sessions.get(handle);
        if (info == null) {
            throw ErrorCodes.SESSION_INVALID.error(handle);
        }
        long now = clock.millis();
        if (now - info.lastActive > limits.idleMillis()) {
            logout(info.ref);
            throw ErrorCodes.SESSION_INVALID.error(handle);
        }
        info.lastActive = now;
        return info;
    }

    public SessionInfo find(Ref<?> ref) {
        return sessions.get(ref.handle());
    }

    public void logout(Ref<Session> ref) {
        if (sessions.remove(ref.handle()) == null) {
            return;
        }
        db.write(tx -> {
            if (tx.row("session", ref) != null) {
                tx.destroy("session", ref);
            }
            return null;
        });
        for (Consumer<Ref<Session>> l : logoutListeners) {
            l.accept(ref);
        }
    }

    public void logoutUser(String user) {
        for (SessionInfo s : List.copyOf(sessions.values())) {
            if (s.user.equals(user)) {
                logout(s.ref);
            }
        }
    }

    /** {@code session.change_password}: the old password must be right, except for the local superuser. */
    public void changePassword(SessionInfo s, String oldPwd, String newPwd) {
        if (newPwd == null || newPwd.isEmpty()) {
            throw ErrorCodes.CHANGE_PASSWORD_REJECTED.error("the new password must not be empty");
        }
        if (!s.localSuperuser && accounts.verify(s.user, oldPwd) == null) {
            throw ErrorCodes.CHANGE_PASSWORD_REJECTED.error("the old password is wrong");
        }
        accounts.setPassword(s.user, newPwd);
    }

    /** Expires idle sessions and writes recent activity to the session objects. */
    public void sweep() {
        long now = clock.millis();
        List<SessionInfo> active = new ArrayList<>();
        for (SessionInfo s : List.copyOf(sessions.values())) {
            if (now - s.lastActive > limits.idleMillis()) {
                LOG.info("session of {} expired after {} s idle", s.user, (now - s.lastActive) / 1000);
                logout(s.ref);
            } else {
                active.add(s);
            }
        }
        if (active.isEmpty()) {
            return;
        }
        db.write(tx -> {
            for (SessionInfo s : active) {
                Row r = tx.row("session", s.ref);
                Instant last = Instant.ofEpochMilli(s.lastActive);
                if (r != null && last.getEpochSecond() > ((Instant) r.get("last_active")).getEpochSecond()) {
                    tx.set("session", s.ref, "last_active", last);
                }
            }
            return null;
        });
    }

    public List<String> subjectIdentifiers() {
        List<String> out = new ArrayList<>();
        for (SessionInfo s : sessions.values()) {
            Account a = accounts.find(s.user);
            if (a != null && !a.subjectIdentifier().isEmpty() && !out.contains(a.subjectIdentifier())) {
                out.add(a.subjectIdentifier());
            }
        }
        return out;
    }

    public void logoutSubject(String sid) {
        for (SessionInfo s : List.copyOf(sessions.values())) {
            Account a = accounts.find(s.user);
            if (a != null && sid.equals(a.subjectIdentifier())) {
                logout(s.ref);
            }
        }
    }

    public int count() {
        return sessions.size();
    }

    /**
     * The login throttle's delay is the point (a guesser is slowed down in real time), not a
     * wait for some condition, so it stays a sleep.
     */
    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
