package org.jxapi.shell.vm;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ParamAddCommandSupport;

@Service
@Command(scope = "xe", name = "vm-param-add", description = "Add to a set or map parameter of one VM: uuid=<uuid> param-name=<name> param-key=<item> | <key>=<value> ...")
public class VmParamAddCommand extends ParamAddCommandSupport {
    @Override
    protected String className() {
        return "VM";
    }
}
