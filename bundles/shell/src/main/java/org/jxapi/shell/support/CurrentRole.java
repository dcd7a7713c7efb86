package org.jxapi.shell.support;

import java.security.Principal;
import java.util.List;

import javax.security.auth.Subject;

import org.apache.karaf.shell.support.CommandException;
import org.jxapi.shell.jaas.JxapiPrincipal;

/**
 * The XenAPI role of the shell's user, for the few commands that reach past the XenAPI (xenops
 * diagnostics, consoles) and so must check it themselves; the local console is pool-admin.
 */
public final class CurrentRole {
    /** The original's roles, most powerful first. */
    static final List<String> ORDER = List.of("pool-admin", "pool-operator", "vm-power-admin", "vm-admin", "vm-operator",
            "read-only");

    private CurrentRole() {
    }

    public static String get() throws CommandException {
        Subject s = CurrentUser.subject();
        if (s != null) {
            for (Principal p : s.getPrincipals()) {
                if (p instanceof JxapiPrincipal j) {
                    return j.role();
                }
            }
        }
        CurrentUser.name();
        return "pool-admin";
    }

    /** Fails with RBAC_PERMISSION_DENIED-like text unless the user's role is {@code least} or stronger. */
    public static void require(String least, String what) throws CommandException {
        String role = get();
        int have = ORDER.indexOf(role);
        if (have < 0 || have > ORDER.indexOf(least)) {
            throw XeErrors.error("Error code: RBAC_PERMISSION_DENIED\nError parameters: permission: "
                    + what + ", message: needs role " + least + " or stronger; you are " + role);
        }
    }
}
