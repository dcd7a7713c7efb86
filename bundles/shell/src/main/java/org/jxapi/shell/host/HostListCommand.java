package org.jxapi.shell.host;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ListCommandSupport;

@Service
@Command(scope = "xe", name = "host-list", description = "List hosts: filter with <field>=<value>, choose columns with params=<a,b|all>, --minimal for uuids only")
public class HostListCommand extends ListCommandSupport {
    @Override
    protected String className() {
        return "host";
    }

    @Override
    protected List<String> defaultColumns() {
        return List.of("uuid", "name-label", "hostname", "address", "enabled");
    }
}
