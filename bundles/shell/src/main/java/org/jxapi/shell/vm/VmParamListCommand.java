package org.jxapi.shell.vm;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ParamListCommandSupport;

@Service
@Command(scope = "xe", name = "vm-param-list", description = "Show every parameter of one VM: uuid=<uuid>")
public class VmParamListCommand extends ParamListCommandSupport {
    @Override
    protected String className() {
        return "VM";
    }
}
