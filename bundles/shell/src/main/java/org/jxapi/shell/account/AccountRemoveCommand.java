package org.jxapi.shell.account;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.api.Accounts;
import org.jxapi.shell.support.CurrentRole;
import org.jxapi.shell.support.XeErrors;
import org.jxapi.xenapi.model.XenApiException;

@Service
@Command(scope = "jxapi", name = "account-remove", description = "Delete an account and log out its sessions (root cannot be removed); pool-admin only")
public class AccountRemoveCommand implements Action {
    @Reference
    Accounts accounts;

    @Argument(index = 0, name = "name", required = true)
    String name;

    @Override
    public Object execute() throws Exception {
        CurrentRole.require("pool-admin", "account-remove");
        try {
            accounts.delete(name);
        } catch (XenApiException e) {
            throw XeErrors.error(XeErrors.describe(e));
        }
        return null;
    }
}
