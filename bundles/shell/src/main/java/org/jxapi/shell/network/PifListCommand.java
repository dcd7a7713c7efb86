package org.jxapi.shell.network;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ListCommandSupport;

@Service
@Command(scope = "xe", name = "pif-list", description = "List PIFs: filter with <field>=<value>, choose columns with params=<a,b|all>, --minimal for uuids only")
public class PifListCommand extends ListCommandSupport {
    @Override
    protected String className() {
        return "PIF";
    }

    @Override
    protected List<String> defaultColumns() {
        return List.of("uuid", "device", "currently-attached", "VLAN", "network");
    }
}
