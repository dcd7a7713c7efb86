package org.jxapi.api.impl.session;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jxapi.api.Accounts;
import org.jxapi.common.io.AtomicFile;
import org.jxapi.db.Database;
import org.jxapi.db.Row;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.Values;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local accounts in {@code accounts.json} under the data directory (written atomically), each
 * non-root account mirrored by a subject object in the database holding its role. The root
 * account is made at first start with the configured password, or a generated one that is
 * logged once.
 */
public final class AccountStore implements Accounts {
    private static final Logger LOG = LoggerFactory.getLogger(AccountStore.class);
    public static final String ROOT = "root";

    /** One account as {@code accounts.json} holds it; databind maps it by its component names. */
    record Stored(String name, String role, String hash) { }

    /** The file: {@code {"accounts": [{"name", "role", "hash"}, ...]}}; unknown keys are ignored. */
    record StoredFile(List<Stored> accounts) { }

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path file;
    private final Database db;
    private final RoleTable roles;
    private final Map<String, Stored> accounts = new LinkedHashMap<>();
    private volatile Consumer<String> onRemoved = n -> { };

    public AccountStore(Path file, Database db, RoleTable roles, String rootPassword) throws IOException {
        this.file = file;
        this.db = db;
        this.roles = roles;
        if (Files.exists(file)) {
            load();
        }
        if (!accounts.containsKey(ROOT)) {
            String pw = rootPassword == null || rootPassword.isEmpty() ? PasswordHash.randomPassword() : rootPassword;
            accounts.put(ROOT, new Stored(ROOT, "pool-admin", PasswordHash.hash(pw)));
            save();
            if (rootPassword == null || rootPassword.isEmpty()) {
                LOG.warn("jxapi: created the root account with the generated password \"{}\". Change it with "
                        + "session.change_password (or set root.password in etc/org.jxapi.api.core.cfg before the "
                        + "first start). This message is not repeated.", pw);
            } else {
                LOG.info("jxapi: created the root account with the configured password");
            }
        }
        for (Stored s : accounts.values()) {
            if (!s.name.equals(ROOT)) {
                ensureSubject(s);
            }
        }
    }

    /** Called with an account name when it is deleted, to end its sessions. */
    public void onRemoved(Consumer<String> listener) {
        this.onRemoved = listener;
    }

    /** The account if the password is right, else null. */
    @Override
    public java.util.Optional<Account> authenticate(String name, String password) {
        return java.util.Optional.ofNullable(verify(name, password));
    }

    synchronized Account verify(String name, String password) {
        Stored s = accounts.get(name);
        return s != null && PasswordHash.verify(password, s.hash) ? account(s) : null;
    }

    synchronized Account find(String name) {
        Stored s = accounts.get(name);
        return s == null ? null : account(s);
    }

    private static Account account(Stored s) {
        return new Account(s.name, s.role, subjectId(s.name));
    }

    private static String subjectId(String name) {
        return name.equals(ROOT) ? "" : "local:" + name;
    }

    @Override
    public synchronized List<Account> list() {
        List<Account> out = new ArrayList<>();
        for (Stored s : accounts.values()) {
            out.add(account(s));
        }
        return out;
    }

    @Override
    public synchronized Account create(String name, String password, String role) {
        if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9._@-]+")) {
            throw ErrorCodes.INVALID_VALUE.error("name", String.valueOf(name));
        }
        if (accounts.containsKey(name)) {
            throw ErrorCodes.SUBJECT_ALREADY_EXISTS.error();
        }
        checkRole(role);
        Stored s = new Stored(name, role, PasswordHash.hash(password));
        accounts.put(name, s);
        persist();
        ensureSubject(s);
        return account(s);
    }

    @Override
    public synchronized void setPassword(String name, String password) {
        Stored s = require(name);
        accounts.put(name, new Stored(name, s.role, PasswordHash.hash(password)));
        persist();
    }

    @Override
    public synchronized void setRole(String name, String role) {
        Stored s = require(name);
        if (name.equals(ROOT)) {
            throw ErrorCodes.OPERATION_NOT_ALLOWED.error("the role of root cannot change");
        }
        checkRole(role);
        Stored updated = new Stored(name, role, s.hash);
        accounts.put(name, updated);
        persist();
        ensureSubject(updated);
    }

    @Override
    public void delete(String name) {
        synchronized (this) {
            require(name);
            if (name.equals(ROOT)) {
                throw ErrorCodes.OPERATION_NOT_ALLOWED.error("root cannot be deleted");
            }
            accounts.remove(name);
            persist();
            db.write(tx -> {
                for (Row r : tx.table("subject")) {
                    if (subjectId(name).equals(r.get("subject_identifier"))) {
                        tx.destroy("subject", r.ref());
                    }
                }
                return null;
            });
        }
        onRemoved.accept(name);
    }

    private Stored require(String name) {
        Stored s = accounts.get(name);
        if (s == null) {
            throw ErrorCodes.SUBJECT_CANNOT_BE_RESOLVED.error();
        }
        return s;
    }

    private void checkRole(String role) {
        if (!roles.known(role)) {
            throw ErrorCodes.ROLE_NOT_FOUND.error();
        }
    }

    /** The subject object of a local account: identifier local:<name>, its one role. */
    private void ensureSubject(Stored s) {
        String sid = subjectId(s.name);
        Ref<Object> role = roles.ref(s.role);
        db.write(tx -> {
            Row existing = null;
            for (Row r : tx.table("subject")) {
                if (sid.equals(r.get("subject_identifier"))) {
                    existing = r;
                }
            }
            if (existing == null) {
                tx.create("subject", Map.of("subject_identifier", sid,
                        "other_config", Map.of("subject-name", s.name, "subject-is-group", "false",
                                "subject-account-disabled", "false"),
                        "roles", Values.setOf(role)));
            } else if (!existing.get("roles").equals(Values.setOf(role))) {
                tx.set("subject", existing.ref(), "roles", Values.setOf(role));
            }
            return null;
        });
    }

    private void persist() {
        try {
            save();
        } catch (IOException e) {
            throw org.jxapi.xenapi.model.XenApiException.internal(e);
        }
    }

    private void save() throws IOException {
        Files.createDirectories(file.getParent());
        // Forced before the rename, so the store is never torn; the directory itself is not forced.
        StoredFile stored = new StoredFile(List.copyOf(accounts.values()));
        AtomicFile.write(file, AtomicFile.Sync.DATA, out -> JSON.writeValue(out, stored));
    }

    private void load() throws IOException {
        StoredFile stored;
        try (InputStream in = Files.newInputStream(file)) {
            stored = JSON.readValue(in, StoredFile.class);
        }
        if (stored == null || stored.accounts() == null) {
            return;
        }
        for (Stored a : stored.accounts()) {
            // An entry without a name or hash cannot log in: skip it, as the file's first reader did.
            if (a != null && a.name() != null && a.hash() != null) {
                accounts.put(a.name(), new Stored(a.name(), a.role() == null ? "read-only" : a.role(), a.hash()));
            }
        }
    }
}
