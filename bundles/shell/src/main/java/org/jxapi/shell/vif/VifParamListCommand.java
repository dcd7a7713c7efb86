package org.jxapi.shell.vif;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ParamListCommandSupport;

@Service
@Command(scope = "xe", name = "vif-param-list", description = "Show every parameter of one VIF: uuid=<uuid>")
public class VifParamListCommand extends ParamListCommandSupport {
    @Override
    protected String className() {
        return "VIF";
    }
}
