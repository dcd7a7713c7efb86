package org.jxapi.shell.vbd;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ParamSetCommandSupport;

@Service
@Command(scope = "xe", name = "vbd-param-set", description = "Set parameters of one VBD: uuid=<uuid> <name>=<value> <map>:<key>=<value> ...")
public class VbdParamSetCommand extends ParamSetCommandSupport {
    @Override
    protected String className() {
        return "VBD";
    }
}
