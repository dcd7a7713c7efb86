package org.jxapi.api.impl.explicit;

import java.util.LinkedHashSet;
import java.util.Set;

import org.jxapi.api.impl.session.RoleTable;
import org.jxapi.db.Database;
import org.jxapi.db.Row;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.Values;
import org.jxapi.xenapi.model.api.RoleApi;
import org.jxapi.xenapi.model.types.Role;
import org.jxapi.xenapi.model.types.Session;

/**
 * What roles may do. Permissions are named after messages ({@code vm.start}) and are
 * not stored as objects: they follow from the model, as the original's static RBAC table does.
 */
public final class RoleMessages implements RoleApi {
    private final Database db;

    public RoleMessages(Database db) {
        this.db = db;
    }

    private String roleName(Ref<Role> role) {
        return (String) db.snapshot().require("role", role).get("name_label");
    }

    @Override
    public Set<Ref<Role>> getPermissions(Ref<Session> sessionId, Ref<Role> self) {
        roleName(self);
        return Values.emptySet();
    }

    @Override
    public Set<String> getPermissionsNameLabel(Ref<Session> sessionId, Ref<Role> self) {
        return Values.copySet(RoleTable.permissions(roleName(self)));
    }

    @Override
    public Set<Ref<Role>> getByPermission(Ref<Session> sessionId, Ref<Role> permission) {
        return Values.emptySet();
    }

    @Override
    public Set<Ref<Role>> getByPermissionNameLabel(Ref<Session> sessionId, String label) {
        LinkedHashSet<Ref<Role>> out = new LinkedHashSet<>();
        for (Row r : db.snapshot().table("role")) {
            if (RoleTable.permissions((String) r.get("name_label")).contains(label)) {
                out.add(r.ref().cast());
            }
        }
        return Values.adoptSet(out);
    }
}
