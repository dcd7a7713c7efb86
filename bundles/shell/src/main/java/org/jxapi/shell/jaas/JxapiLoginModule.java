package org.jxapi.shell.jaas;

import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.jxapi.api.Accounts;

/**
 * Logs shell users in with jxapi's own accounts (the same names, passwords and roles as
 * {@code session.login_with_password}). Every account may use SSH and Karaf's read-only commands
 * ({@code ssh}, {@code viewer}); pool-admins are also Karaf administrators. What xe commands may
 * do is decided by the account's XenAPI role, not by these Karaf roles.
 */
public class JxapiLoginModule implements LoginModule {
    /** Option carrying the {@link Accounts} service, set by {@link JxapiRealm}. */
    static final String ACCOUNTS = "jxapi.accounts";
    static final List<String> EVERY_ACCOUNT = List.of("ssh", "viewer");
    static final List<String> POOL_ADMIN = List.of("admin", "manager", "systembundles");

    private Subject subject;
    private CallbackHandler callbacks;
    private Accounts accounts;
    private Accounts.Account account;
    private final List<Principal> added = new ArrayList<>();

    @Override
    public void initialize(Subject subject, CallbackHandler callbackHandler, Map<String, ?> sharedState,
                           Map<String, ?> options) {
        this.subject = subject;
        this.callbacks = callbackHandler;
        this.accounts = (Accounts) options.get(ACCOUNTS);
    }

    @Override
    public boolean login() throws LoginException {
        if (accounts == null) {
            throw new LoginException("the jxapi accounts are not available");
        }
        NameCallback name = new NameCallback("Username: ");
        PasswordCallback password = new PasswordCallback("Password: ", false);
        try {
            callbacks.handle(new Callback[] {name, password});
        } catch (IOException | UnsupportedCallbackException e) {
            throw new LoginException("cannot read the credentials: " + e.getMessage());
        }
        char[] pw = password.getPassword();
        Optional<Accounts.Account> a = accounts.authenticate(name.getName(), pw == null ? "" : new String(pw));
        password.clearPassword();
        if (a.isEmpty()) {
            throw new FailedLoginException("wrong user name or password");
        }
        account = a.get();
        return true;
    }

    @Override
    public boolean commit() {
        if (account == null) {
            return false;
        }
        added.add(new UserPrincipal(account.name()));
        added.add(new JxapiPrincipal(account.name(), account.role()));
        EVERY_ACCOUNT.forEach(r -> added.add(new RolePrincipal(r)));
        if (account.role().equals("pool-admin")) {
            POOL_ADMIN.forEach(r -> added.add(new RolePrincipal(r)));
        }
        subject.getPrincipals().addAll(added);
        return true;
    }

    @Override
    public boolean abort() {
        account = null;
        return logout();
    }

    @Override
    public boolean logout() {
        subject.getPrincipals().removeAll(added);
        added.clear();
        return true;
    }
}
