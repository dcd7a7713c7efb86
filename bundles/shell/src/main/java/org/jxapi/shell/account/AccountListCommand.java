package org.jxapi.shell.account;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.jxapi.api.Accounts;
import org.jxapi.shell.support.CurrentRole;

@Service
@Command(scope = "jxapi", name = "account-list", description = "List the local jxapi accounts (XenAPI and SSH logins) with their roles; pool-admin only")
public class AccountListCommand implements Action {
    @Reference
    Accounts accounts;

    @Override
    public Object execute() throws Exception {
        CurrentRole.require("pool-admin", "account-list");
        ShellTable table = new ShellTable();
        table.column("name");
        table.column("role");
        table.column("subject");
        for (Accounts.Account a : accounts.list()) {
            table.addRow().addContent(a.name(), a.role(), a.subjectIdentifier());
        }
        table.print(System.out);
        return null;
    }
}
