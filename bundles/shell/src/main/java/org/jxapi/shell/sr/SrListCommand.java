package org.jxapi.shell.sr;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ListCommandSupport;

@Service
@Command(scope = "xe", name = "sr-list", description = "List storage repositories: filter with <field>=<value>, choose columns with params=<a,b|all>, --minimal for uuids only")
public class SrListCommand extends ListCommandSupport {
    @Override
    protected String className() {
        return "SR";
    }

    @Override
    protected List<String> defaultColumns() {
        return List.of("uuid", "name-label", "type", "content-type", "physical-size");
    }
}
