package org.jxapi.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Local accounts that may log in with {@code session.login_with_password}. Each has one role of
 * the model ({@code pool-admin} ... {@code read-only}); {@code root} always exists and is the
 * local superuser. Passwords are kept as salted, deliberately slow hashes.
 */
@ProviderType
public interface Accounts {

    record Account(String name, String role, String subjectIdentifier) { }

    List<Account> list();

    /**
     * The account if {@code password} is its password; empty otherwise. Deliberately slow (the
     * hash is), for logins that do not go through {@code session.login_with_password}, such as SSH.
     */
    java.util.Optional<Account> authenticate(String name, String password);

    /** Creates an account, with its subject object in the database; fails if the name is taken or the role unknown. */
    Account create(String name, String password, String role);

    void setPassword(String name, String password);

    void setRole(String name, String role);

    /** Deletes an account and logs out its sessions. {@code root} cannot be deleted. */
    void delete(String name);
}
