package org.jxapi.shell.support;

import java.util.Map;

import org.jxapi.xenapi.model.FieldMeta;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.XenApiRecord;

/**
 * {@code <class>-param-set uuid=... field=value field:key=value ...}: sets fields through their
 * {@code set_} messages, and keys of map fields through {@code remove_from_}/{@code add_to_}.
 */
public abstract class ParamSetCommandSupport extends ParamCommandSupport {
    @Override
    protected void run(Xe xe, XeArgs args) throws Exception {
        Ref<?> ref = target(xe, args).getKey();
        Map<String, String> changes = args.rest();
        args.clear();
        for (Map.Entry<String, String> c : changes.entrySet()) {
            int colon = c.getKey().indexOf(':');
            if (colon > 0) {
                FieldMeta f = field(c.getKey().substring(0, colon));
                String key = c.getKey().substring(colon + 1);
                String remove = message("remove_from_", f);
                String add = message("add_to_", f);
                try {
                    xe.call(remove, ref, key);
                } catch (XenApiException e) {
                    // the key was not there: nothing to replace
                }
                xe.call(add, ref, key, c.getValue());
            } else {
                FieldMeta f = field(c.getKey());
                xe.call(message("set_", f), ref, FieldInput.forField(f, c.getValue(), xe));
            }
        }
    }
}
