package org.jxapi.shell.pool;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.SimpleOperationSupport;
import org.jxapi.shell.support.Xe;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiRecord;

@Service
@Command(scope = "xe", name = "task-cancel", description = "Ask a running task to stop at its next cancellation point: uuid=<uuid>")
public class TaskCancelCommand extends SimpleOperationSupport {
    @Override
    protected String className() {
        return "task";
    }

    @Override
    protected String message() {
        return "cancel";
    }

    @Override
    protected void apply(Xe xe, Ref<?> ref, XenApiRecord record) {
        xe.call("task.cancel", ref);
    }
}
