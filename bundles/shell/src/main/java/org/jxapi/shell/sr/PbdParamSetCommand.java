package org.jxapi.shell.sr;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ParamSetCommandSupport;

@Service
@Command(scope = "xe", name = "pbd-param-set", description = "Set parameters of one PBD: uuid=<uuid> <name>=<value> <map>:<key>=<value> ...")
public class PbdParamSetCommand extends ParamSetCommandSupport {
    @Override
    protected String className() {
        return "PBD";
    }
}
