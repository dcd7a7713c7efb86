package org.jxapi.shell.sr;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.ParamAddCommandSupport;

@Service
@Command(scope = "xe", name = "sr-param-add", description = "Add to a set or map parameter of one SR: uuid=<uuid> param-name=<name> param-key=<item> | <key>=<value> ...")
public class SrParamAddCommand extends ParamAddCommandSupport {
    @Override
    protected String className() {
        return "SR";
    }
}
