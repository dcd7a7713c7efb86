package org.jxapi.shell.pool;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ListCommandSupport;

@Service
@Command(scope = "xe", name = "task-list", description = "List tasks: filter with <field>=<value>, choose columns with params=<a,b|all>, --minimal for uuids only")
public class TaskListCommand extends ListCommandSupport {
    @Override
    protected String className() {
        return "task";
    }

    @Override
    protected List<String> defaultColumns() {
        return List.of("uuid", "name-label", "status", "progress");
    }
}
