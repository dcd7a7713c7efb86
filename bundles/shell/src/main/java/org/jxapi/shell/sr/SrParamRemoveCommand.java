package org.jxapi.shell.sr;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ParamRemoveCommandSupport;

@Service
@Command(scope = "xe", name = "sr-param-remove", description = "Remove from a set or map parameter of one SR: uuid=<uuid> param-name=<name> param-key=<item or key>")
public class SrParamRemoveCommand extends ParamRemoveCommandSupport {
    @Override
    protected String className() {
        return "SR";
    }
}
