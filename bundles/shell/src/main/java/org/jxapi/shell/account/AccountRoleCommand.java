package org.jxapi.shell.account;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.jxapi.api.Accounts;
import org.jxapi.shell.support.CurrentRole;
import org.jxapi.shell.support.XeErrors;
import org.jxapi.xenapi.model.XenApiException;

@Service
@Command(scope = "jxapi", name = "account-role", description = "Change an account's role (its sessions are logged out); pool-admin only")
public class AccountRoleCommand implements Action {
    @Reference
    Accounts accounts;

    @Argument(index = 0, name = "name", required = true)
    String name;

    @Argument(index = 1, name = "role", required = true)
    @Completion(value = StringsCompleter.class, values = {"pool-admin", "pool-operator", "vm-power-admin", "vm-admin",
            "vm-operator", "read-only"})
    String role;

    @Override
    public Object execute() throws Exception {
        CurrentRole.require("pool-admin", "account-role");
        try {
            accounts.setRole(name, role);
        } catch (XenApiException e) {
            throw XeErrors.error(XeErrors.describe(e));
        }
        return null;
    }
}
