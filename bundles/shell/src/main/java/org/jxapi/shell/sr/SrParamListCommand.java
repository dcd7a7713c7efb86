package org.jxapi.shell.sr;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ParamListCommandSupport;

@Service
@Command(scope = "xe", name = "sr-param-list", description = "Show every parameter of one SR: uuid=<uuid>")
public class SrParamListCommand extends ParamListCommandSupport {
    @Override
    protected String className() {
        return "SR";
    }
}
