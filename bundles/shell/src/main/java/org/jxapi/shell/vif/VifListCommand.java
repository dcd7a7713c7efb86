package org.jxapi.shell.vif;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ListCommandSupport;

@Service
@Command(scope = "xe", name = "vif-list", description = "List virtual network interfaces: filter with <field>=<value>, choose columns with params=<a,b|all>, --minimal for uuids only")
public class VifListCommand extends ListCommandSupport {
    @Override
    protected String className() {
        return "VIF";
    }

    @Override
    protected List<String> defaultColumns() {
        return List.of("uuid", "VM", "network", "device", "MAC", "currently-attached");
    }
}
