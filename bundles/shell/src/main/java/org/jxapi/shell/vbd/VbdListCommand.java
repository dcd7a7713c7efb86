package org.jxapi.shell.vbd;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ListCommandSupport;

@Service
@Command(scope = "xe", name = "vbd-list", description = "List virtual block devices: filter with <field>=<value>, choose columns with params=<a,b|all>, --minimal for uuids only")
public class VbdListCommand extends ListCommandSupport {
    @Override
    protected String className() {
        return "VBD";
    }

    @Override
    protected List<String> defaultColumns() {
        return List.of("uuid", "VM", "VDI", "userdevice", "type", "currently-attached");
    }
}
