package org.jxapi.api.impl.session;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jxapi.db.Database;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.MessageMeta;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.Roles;
import org.jxapi.xenapi.model.Values;
import org.jxapi.xenapi.model.XenApiException;

/**
 * The roles of the model as objects in the database, and the RBAC check. Roles are totally
 * ordered (pool-admin can do everything pool-operator can, and so on down to read-only), so a
 * session's single, most powerful role decides. A message's permission is named
 * {@code class.message} in lower case, as in the original.
 */
public final class RoleTable {
    /** The original's fixed identity of pool-admin (also the model's default for subject.roles). */
    static final String POOL_ADMIN_UUID = "0165f154-ba3e-034e-6b27-5d271af109ba";
    public static final String DENIED_TEXT = "No permission in user session";

    private final Map<String, Ref<Object>> refs = new LinkedHashMap<>();

    public RoleTable() {
        for (String role : Roles.ORDERED) {
            refs.put(role, Ref.of("OpaqueRef:" + uuidOf(role)));
        }
    }

    static String uuidOf(String role) {
        return role.equals("pool-admin") ? POOL_ADMIN_UUID
                : UUID.nameUUIDFromBytes(("jxapi-role:" + role).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Creates the role objects a fresh host has. Idempotent. */
    public void ensure(Database db) {
        db.write(tx -> {
            List<String> roles = Roles.ORDERED;
            for (int i = 0; i < roles.size(); i++) {
                String role = roles.get(i);
                Ref<Object> ref = refs.get(role);
                if (tx.row("role", ref) != null) {
                    continue;
                }
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("uuid", uuidOf(role));
                f.put("name_label", role);
                f.put("name_description", "The " + role + " role");
                // Each role contains the next, weaker one.
                f.put("subroles", i + 1 < roles.size() ? Values.setOf(refs.get(roles.get(i + 1))) : Values.emptySet());
                f.put("is_internal", false);
                tx.create("role", ref, f);
            }
            return null;
        });
    }

    public Ref<Object> ref(String role) {
        Ref<Object> r = refs.get(role);
        if (r == null) {
            throw ErrorCodes.ROLE_NOT_FOUND.error();
        }
        return r;
    }

    public boolean known(String role) {
        return refs.containsKey(role);
    }

    public static String permission(MessageMeta m) {
        return m.wireName().toLowerCase(Locale.ROOT);
    }

    /**
     * Calls the model does not declare (XenAPI extensions) are pool-admin only, as in the original;
     * the permission named is the lower-cased call name.
     */
    public static void checkUndeclared(String role, String method) {
        if (!role.equals("pool-admin")) {
            throw ErrorCodes.RBAC_PERMISSION_DENIED.error(method.toLowerCase(Locale.ROOT), DENIED_TEXT);
        }
    }

    /** Raises {@code RBAC_PERMISSION_DENIED [permission, message]} unless the role may call m. */
    public static void check(String role, MessageMeta m) {
        if (!allowed(role, m)) {
            throw denied(m);
        }
    }

    public static boolean allowed(String role, MessageMeta m) {
        // Messages the model gives no role are open to any valid session (e.g. change_password).
        return m.roles().isEmpty() || m.allows(role);
    }

    static XenApiException denied(MessageMeta m) {
        return ErrorCodes.RBAC_PERMISSION_DENIED.error(permission(m), DENIED_TEXT);
    }

    /** The permission names a role holds: every message it may call. */
    public static List<String> permissions(String role) {
        return org.jxapi.xenapi.model.Model.messages().stream().filter(m -> allowed(role, m))
                .map(RoleTable::permission).sorted().toList();
    }
}
