package org.jxapi.shell.account;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.jxapi.api.Accounts;
import org.jxapi.shell.support.CurrentRole;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.shell.support.XeErrors;

@Service
@Command(scope = "jxapi", name = "account-add", description = "Create a local jxapi account with a role; asks for the password unless --password is given; pool-admin only")
public class AccountAddCommand implements Action {
    @Reference
    Accounts accounts;

    @Reference(optional = true)
    Session session;

    @Argument(index = 0, name = "name", required = true, description = "The user name")
    String name;

    @Argument(index = 1, name = "role", required = true, description = "pool-admin, pool-operator, vm-power-admin, vm-admin, vm-operator or read-only")
    @Completion(value = StringsCompleter.class, values = {"pool-admin", "pool-operator", "vm-power-admin", "vm-admin",
            "vm-operator", "read-only"})
    String role;

    @Option(name = "--password", description = "The password (else it is asked for, without echo)")
    String password;

    @Override
    public Object execute() throws Exception {
        CurrentRole.require("pool-admin", "account-add");
        String pw = password != null ? password : Passwords.ask(session, "Password for " + name + ": ");
        try {
            accounts.create(name, pw, role);
        } catch (XenApiException e) {
            throw XeErrors.error(XeErrors.describe(e));
        }
        System.out.println("Created account " + name + " (" + role + ").");
        return null;
    }
}
