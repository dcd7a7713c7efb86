package org.jxapi.shell.support;

import java.util.Map;

import org.apache.karaf.shell.support.CommandException;
import org.jxapi.xenapi.model.FieldMeta;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiRecord;
import org.jxapi.xenapi.model.XenApiType;

/** {@code <class>-param-get uuid=... param-name=... [param-key=...]}: one field's value, or one key of a map field. */
public abstract class ParamGetCommandSupport extends ParamCommandSupport {
    @Override
    protected void run(Xe xe, XeArgs args) throws Exception {
        Map.Entry<Ref<?>, XenApiRecord> t = target(xe, args);
        FieldMeta f = field(args.require("param-name"));
        String key = args.take("param-key").orElse(null);
        args.requireEmpty();
        Object value = t.getValue().get(f.index());
        if (key == null) {
            System.out.println(FieldText.format(value, f.type(), xe));
            return;
        }
        if (!(f.type() instanceof XenApiType.MapOf m)) {
            throw XeErrors.error("Error: " + XeNames.field(f) + " is not a map; param-key does not apply");
        }
        Map<?, ?> map = (Map<?, ?>) value;
        if (!map.containsKey(key)) {
            throw XeErrors.error("Error: key '" + key + "' is not in " + XeNames.field(f));
        }
        System.out.println(FieldText.format(map.get(key), m.value(), xe));
    }
}
