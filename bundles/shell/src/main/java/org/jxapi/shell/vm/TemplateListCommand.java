package org.jxapi.shell.vm;

import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ListCommandSupport;

@Service
@Command(scope = "xe", name = "template-list", description = "List templates: filter with <field>=<value>, choose columns with params=<a,b|all>, --minimal for uuids only")
public class TemplateListCommand extends ListCommandSupport {
    @Override
    protected String className() {
        return "VM";
    }

    @Override
    protected List<String> defaultColumns() {
        return List.of("uuid", "name-label", "name-description");
    }

    @Override
    protected Map<String, String> implicitFilters() {
        return Map.of("is-a-template", "true", "is-a-snapshot", "false");
    }
}
