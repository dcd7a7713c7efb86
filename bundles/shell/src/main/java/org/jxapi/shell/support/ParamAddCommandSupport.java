package org.jxapi.shell.support;

import java.util.Map;

import org.apache.karaf.shell.support.CommandException;
import org.jxapi.xenapi.model.FieldMeta;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiType;

/**
 * {@code <class>-param-add uuid=... param-name=<set or map> param-key=<item> | key=value ...}:
 * adds an item to a set field ({@code add_<field>}) or keys to a map field ({@code add_to_<field>}).
 */
public abstract class ParamAddCommandSupport extends ParamCommandSupport {
    @Override
    protected void run(Xe xe, XeArgs args) throws Exception {
        Ref<?> ref = target(xe, args).getKey();
        FieldMeta f = field(args.require("param-name"));
        if (f.type() instanceof XenApiType.SetOf s) {
            String item = args.require("param-key");
            args.requireEmpty();
            xe.call(message("add_", f), ref, FieldInput.parse(item, s.element(), XeNames.field(f), xe));
            return;
        }
        if (!(f.type() instanceof XenApiType.MapOf)) {
            throw XeErrors.error("Error: " + XeNames.field(f) + " is neither a set nor a map");
        }
        Map<String, String> pairs = args.rest();
        args.clear();
        for (Map.Entry<String, String> p : pairs.entrySet()) {
            xe.call(message("add_to_", f), ref, p.getKey(), p.getValue());
        }
    }
}
