package org.jxapi.shell.vdi;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ParamSetCommandSupport;

@Service
@Command(scope = "xe", name = "vdi-param-set", description = "Set parameters of one VDI: uuid=<uuid> <name>=<value> <map>:<key>=<value> ...")
public class VdiParamSetCommand extends ParamSetCommandSupport {
    @Override
    protected String className() {
        return "VDI";
    }
}
