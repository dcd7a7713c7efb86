package org.jxapi.shell.network;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ParamListCommandSupport;

@Service
@Command(scope = "xe", name = "pif-param-list", description = "Show every parameter of one PIF: uuid=<uuid>")
public class PifParamListCommand extends ParamListCommandSupport {
    @Override
    protected String className() {
        return "PIF";
    }
}
