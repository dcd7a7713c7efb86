package org.jxapi.shell.sr;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ListCommandSupport;

@Service
@Command(scope = "xe", name = "sm-list", description = "List storage drivers: filter with <field>=<value>, choose columns with params=<a,b|all>, --minimal for uuids only")
public class SmListCommand extends ListCommandSupport {
    @Override
    protected String className() {
        return "SM";
    }

    @Override
    protected List<String> defaultColumns() {
        return List.of("uuid", "type", "name-label", "vendor", "version");
    }
}
