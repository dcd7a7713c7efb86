package org.jxapi.api.impl.explicit;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.jxapi.api.impl.session.AccountStore;
import org.jxapi.api.impl.session.RoleTable;
import org.jxapi.db.Database;
import org.jxapi.db.Row;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.Roles;
import org.jxapi.xenapi.model.Values;
import org.jxapi.xenapi.model.api.SubjectApi;
import org.jxapi.xenapi.model.types.Role;
import org.jxapi.xenapi.model.types.Session;
import org.jxapi.xenapi.model.types.Subject;

/**
 * The roles of subjects. For a local account's subject, its most powerful role is also the
 * account's role, so that changes here take effect at the next login.
 */
public final class SubjectMessages implements SubjectApi {
    private final Database db;
    private final AccountStore accounts;

    public SubjectMessages(Database db, AccountStore accounts) {
        this.db = db;
        this.accounts = accounts;
    }

    @Override
    public Set<String> getPermissionsNameLabel(Ref<Session> sessionId, Ref<Subject> self) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String role : roleNames(db.snapshot().require("subject", self))) {
            out.addAll(RoleTable.permissions(role));
        }
        return Values.adoptSet(out);
    }

    @Override
    public void addToRoles(Ref<Session> sessionId, Ref<Subject> self, Ref<Role> role) {
        db.write(tx -> {
            tx.require("role", role);
            tx.addToSet("subject", self, "roles", role);
            return null;
        });
        syncAccount(self);
    }

    @Override
    public void removeFromRoles(Ref<Session> sessionId, Ref<Subject> self, Ref<Role> role) {
        db.write(tx -> {
            tx.removeFromSet("subject", self, "roles", role);
            return null;
        });
        syncAccount(self);
    }

    private Set<String> roleNames(Row subject) {
        Set<String> names = new LinkedHashSet<>();
        for (Object r : (Set<?>) subject.get("roles")) {
            Row role = db.snapshot().row("role", (Ref<?>) r);
            if (role != null) {
                names.add((String) role.get("name_label"));
            }
        }
        return names;
    }

    private void syncAccount(Ref<Subject> self) {
        Row subject = db.snapshot().require("subject", self);
        String name = (String) ((Map<?, ?>) subject.get("other_config")).get("subject-name");
        String sid = (String) subject.get("subject_identifier");
        if (name == null || !sid.equals("local:" + name)) {
            return;
        }
        Set<String> names = roleNames(subject);
        String best = Roles.ORDERED.stream().filter(names::contains).findFirst().orElse("read-only");
        accounts.setRole(name, best);
    }
}
