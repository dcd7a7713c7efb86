package org.jxapi.shell.jaas;

import java.io.Serializable;
import java.security.Principal;

/** A shell user logged in as a jxapi account, with the account's role. */
public final class JxapiPrincipal implements Principal, Serializable {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final String role;

    public JxapiPrincipal(String name, String role) {
        this.name = name;
        this.role = role;
    }

    @Override
    public String getName() {
        return name;
    }

    public String role() {
        return role;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JxapiPrincipal p && p.name.equals(name) && p.role.equals(role);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + role.hashCode();
    }

    @Override
    public String toString() {
        return "jxapi user " + name + " (" + role + ")";
    }
}
