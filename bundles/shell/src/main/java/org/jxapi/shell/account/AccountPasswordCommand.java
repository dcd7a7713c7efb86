package org.jxapi.shell.account;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.jxapi.api.Accounts;
import org.jxapi.shell.support.CurrentRole;
import org.jxapi.shell.support.XeErrors;
import org.jxapi.xenapi.model.XenApiException;

@Service
@Command(scope = "jxapi", name = "account-password", description = "Set an account's password; pool-admin only (users change their own with xe:user-password-change)")
public class AccountPasswordCommand implements Action {
    @Reference
    Accounts accounts;

    @Reference(optional = true)
    Session session;

    @Argument(index = 0, name = "name", required = true)
    String name;

    @Option(name = "--password", description = "The new password (else it is asked for, without echo)")
    String password;

    @Override
    public Object execute() throws Exception {
        CurrentRole.require("pool-admin", "account-password");
        String pw = password != null ? password : Passwords.ask(session, "New password for " + name + ": ");
        try {
            accounts.setPassword(name, pw);
        } catch (XenApiException e) {
            throw XeErrors.error(XeErrors.describe(e));
        }
        return null;
    }
}
