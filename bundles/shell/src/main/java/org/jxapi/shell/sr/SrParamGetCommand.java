package org.jxapi.shell.sr;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ParamGetCommandSupport;

@Service
@Command(scope = "xe", name = "sr-param-get", description = "Show one parameter of one SR: uuid=<uuid> param-name=<name> [param-key=<map key>]")
public class SrParamGetCommand extends ParamGetCommandSupport {
    @Override
    protected String className() {
        return "SR";
    }
}
