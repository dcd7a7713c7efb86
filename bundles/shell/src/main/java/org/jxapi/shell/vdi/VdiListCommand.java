package org.jxapi.shell.vdi;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ListCommandSupport;

@Service
@Command(scope = "xe", name = "vdi-list", description = "List virtual disks: filter with <field>=<value>, choose columns with params=<a,b|all>, --minimal for uuids only")
public class VdiListCommand extends ListCommandSupport {
    @Override
    protected String className() {
        return "VDI";
    }

    @Override
    protected List<String> defaultColumns() {
        return List.of("uuid", "name-label", "SR", "virtual-size", "type");
    }
}
