package org.jxapi.shell.sr;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ParamListCommandSupport;

@Service
@Command(scope = "xe", name = "pbd-param-list", description = "Show every parameter of one PBD: uuid=<uuid>")
public class PbdParamListCommand extends ParamListCommandSupport {
    @Override
    protected String className() {
        return "PBD";
    }
}
