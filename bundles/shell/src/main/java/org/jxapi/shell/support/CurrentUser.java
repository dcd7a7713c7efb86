package org.jxapi.shell.support;

import java.lang.reflect.Method;
import java.security.AccessController;
import java.security.Principal;

import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.shell.support.CommandException;
import org.jxapi.shell.jaas.JxapiPrincipal;

/**
 * Who runs a shell command, as a jxapi account. SSH logins through the jxapi realm carry a
 * {@link JxapiPrincipal}: the command runs as that account, so RBAC applies as over the XenAPI.
 * The local console of the process (a Karaf admin without a jxapi login) is the local superuser
 * {@code root}, as xe in the original's control domain talks to xapi over its local socket.
 */
public final class CurrentUser {
    public static final String LOCAL_SUPERUSER = "root";

    private CurrentUser() {
    }

    public static String name() throws CommandException {
        Subject s = subject();
        if (s != null) {
            for (Principal p : s.getPrincipals()) {
                if (p instanceof JxapiPrincipal j) {
                    return j.getName();
                }
            }
            for (Principal p : s.getPrincipals()) {
                if (p instanceof RolePrincipal r && r.getName().equals("admin")) {
                    return LOCAL_SUPERUSER;
                }
            }
        }
        throw XeErrors.error("Error: this shell session has no jxapi account; log in over SSH with a jxapi user");
    }

    /** The JAAS subject of the running command (Subject.current() where it exists, else the access-control way). */
    @SuppressWarnings("removal")
    static Subject subject() {
        try {
            Method current = Subject.class.getMethod("current");
            return (Subject) current.invoke(null);
        } catch (NoSuchMethodException e) {
            return Subject.getSubject(AccessController.getContext());
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
