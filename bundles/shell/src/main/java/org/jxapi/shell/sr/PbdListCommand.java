package org.jxapi.shell.sr;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ListCommandSupport;

@Service
@Command(scope = "xe", name = "pbd-list", description = "List physical block devices (SR to host connections): filter with <field>=<value>, choose columns with params=<a,b|all>, --minimal for uuids only")
public class PbdListCommand extends ListCommandSupport {
    @Override
    protected String className() {
        return "PBD";
    }

    @Override
    protected List<String> defaultColumns() {
        return List.of("uuid", "host", "SR", "currently-attached");
    }
}
