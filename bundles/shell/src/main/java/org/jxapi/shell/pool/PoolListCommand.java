package org.jxapi.shell.pool;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ListCommandSupport;

@Service
@Command(scope = "xe", name = "pool-list", description = "List pools: filter with <field>=<value>, choose columns with params=<a,b|all>, --minimal for uuids only")
public class PoolListCommand extends ListCommandSupport {
    @Override
    protected String className() {
        return "pool";
    }

    @Override
    protected List<String> defaultColumns() {
        return List.of("uuid", "name-label", "master");
    }
}
