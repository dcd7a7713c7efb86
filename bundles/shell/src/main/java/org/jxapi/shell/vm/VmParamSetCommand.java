package org.jxapi.shell.vm;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ParamSetCommandSupport;

@Service
@Command(scope = "xe", name = "vm-param-set", description = "Set parameters of one VM: uuid=<uuid> <name>=<value> <map>:<key>=<value> ...")
public class VmParamSetCommand extends ParamSetCommandSupport {
    @Override
    protected String className() {
        return "VM";
    }
}
