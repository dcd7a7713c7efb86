package org.jxapi.shell.support;

import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.support.CommandException;
import org.jxapi.xenapi.model.ClassMeta;
import org.jxapi.xenapi.model.FieldMeta;
import org.jxapi.xenapi.model.Model;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiRecord;

/** What the {@code <class>-param-*} commands share: one object chosen by {@code uuid=} (or the class key). */
public abstract class ParamCommandSupport extends XeCommandSupport {
    protected abstract String className();

    protected ClassMeta meta() {
        return Model.clazz(className());
    }

    /** The one object {@code uuid=} or {@code <class>=} names; the key is taken from args. */
    protected Map.Entry<Ref<?>, XenApiRecord> target(Xe xe, XeArgs args) throws CommandException {
        String key = XeNames.prefix(className());
        String uuid = args.take("uuid").orElse(null);
        String named = args.take(key).orElse(null);
        if (uuid == null && named == null) {
            throw XeErrors.error("Error: required parameter not found: uuid");
        }
        Ref<?> ref = Selection.one(xe, className(), uuid != null ? uuid : named);
        return Map.entry(ref, xe.record(className(), ref));
    }

    protected FieldMeta field(String xeName) throws CommandException {
        FieldMeta f = XeNames.field(meta(), xeName);
        if (f == null) {
            throw XeErrors.error("Error: " + className() + " has no parameter '" + xeName + "'");
        }
        return f;
    }

    /** The implicit message of the model that changes a field ({@code set_}, {@code add_to_}, ...), or fails. */
    protected String message(String prefix, FieldMeta f) throws CommandException {
        String name = prefix + f.name();
        if (meta().message(name) == null) {
            throw XeErrors.error("Error: the parameter '" + XeNames.field(f) + "' of "
                    + className() + " is read-only");
        }
        return className() + "." + name;
    }

    static String access(FieldMeta f) {
        if (!f.isWritable()) {
            return "RO";
        }
        if (f.type() instanceof org.jxapi.xenapi.model.XenApiType.MapOf) {
            return "MRW";
        }
        return f.type() instanceof org.jxapi.xenapi.model.XenApiType.SetOf ? "SRW" : "RW";
    }

    static List<String> none() {
        return List.of();
    }
}
