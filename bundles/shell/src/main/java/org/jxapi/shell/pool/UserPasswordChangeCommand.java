package org.jxapi.shell.pool;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.Xe;
import org.jxapi.shell.support.XeArgs;
import org.jxapi.shell.support.XeCommandSupport;

@Service
@Command(scope = "xe", name = "user-password-change", description = "Change your own password: old=<old password> new=<new password>")
public class UserPasswordChangeCommand extends XeCommandSupport {
    @Override
    protected void run(Xe xe, XeArgs args) throws Exception {
        String old = args.take("old").orElse("");
        String fresh = args.require("new");
        args.requireEmpty();
        xe.call("session.change_password", old, fresh);
    }
}
