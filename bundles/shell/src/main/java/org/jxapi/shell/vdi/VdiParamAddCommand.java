package org.jxapi.shell.vdi;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ParamAddCommandSupport;

@Service
@Command(scope = "xe", name = "vdi-param-add", description = "Add to a set or map parameter of one VDI: uuid=<uuid> param-name=<name> param-key=<item> | <key>=<value> ...")
public class VdiParamAddCommand extends ParamAddCommandSupport {
    @Override
    protected String className() {
        return "VDI";
    }
}
