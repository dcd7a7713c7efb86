package org.jxapi.shell.vdi;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ParamListCommandSupport;

@Service
@Command(scope = "xe", name = "vdi-param-list", description = "Show every parameter of one VDI: uuid=<uuid>")
public class VdiParamListCommand extends ParamListCommandSupport {
    @Override
    protected String className() {
        return "VDI";
    }
}
