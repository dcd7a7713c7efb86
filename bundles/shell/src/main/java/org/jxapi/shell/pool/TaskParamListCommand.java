package org.jxapi.shell.pool;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ParamListCommandSupport;

@Service
@Command(scope = "xe", name = "task-param-list", description = "Show every parameter of one task: uuid=<uuid>")
public class TaskParamListCommand extends ParamListCommandSupport {
    @Override
    protected String className() {
        return "task";
    }
}
