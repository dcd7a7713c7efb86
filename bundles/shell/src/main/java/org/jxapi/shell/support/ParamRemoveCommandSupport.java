package org.jxapi.shell.support;

import org.apache.karaf.shell.support.CommandException;
import org.jxapi.xenapi.model.FieldMeta;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiType;

/** {@code <class>-param-remove uuid=... param-name=<set or map> param-key=<item or key>}. */
public abstract class ParamRemoveCommandSupport extends ParamCommandSupport {
    @Override
    protected void run(Xe xe, XeArgs args) throws Exception {
        Ref<?> ref = target(xe, args).getKey();
        FieldMeta f = field(args.require("param-name"));
        String key = args.require("param-key");
        args.requireEmpty();
        if (f.type() instanceof XenApiType.SetOf s) {
            xe.call(message("remove_", f), ref, FieldInput.parse(key, s.element(), XeNames.field(f), xe));
        } else if (f.type() instanceof XenApiType.MapOf) {
            xe.call(message("remove_from_", f), ref, key);
        } else {
            throw XeErrors.error("Error: " + XeNames.field(f) + " is neither a set nor a map");
        }
    }
}
