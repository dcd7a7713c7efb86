package org.jxapi.shell.vif;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ParamSetCommandSupport;

@Service
@Command(scope = "xe", name = "vif-param-set", description = "Set parameters of one VIF: uuid=<uuid> <name>=<value> <map>:<key>=<value> ...")
public class VifParamSetCommand extends ParamSetCommandSupport {
    @Override
    protected String className() {
        return "VIF";
    }
}
