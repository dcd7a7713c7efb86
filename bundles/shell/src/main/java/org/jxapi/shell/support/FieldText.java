package org.jxapi.shell.support;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.Values;
import org.jxapi.xenapi.model.WireEnum;
import org.jxapi.xenapi.model.XenApiType;

/**
 * Field values as the xe CLI prints them: references as the uuid of the object they name,
 * sets joined with {@code "; "}, maps as {@code "key: value; key: value"}.
 */
public final class FieldText {
    public static final String NOT_IN_DATABASE = "<not in database>";

    private FieldText() {
    }

    public static String format(Object value, XenApiType type, Xe xe) {
        if (value == null) {
            return "";
        }
        if (type instanceof XenApiType.RefOf r) {
            return refText((Ref<?>) value, r.className(), xe);
        }
        if (type instanceof XenApiType.SetOf s) {
            StringJoiner j = new StringJoiner("; ");
            for (Object o : (Collection<?>) value) {
                j.add(format(o, s.element(), xe));
            }
            return j.toString();
        }
        if (type instanceof XenApiType.MapOf m) {
            StringJoiner j = new StringJoiner("; ");
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                j.add(format(e.getKey(), m.key(), xe) + ": " + format(e.getValue(), m.value(), xe));
            }
            return j.toString();
        }
        if (type instanceof XenApiType.OptionOf o) {
            Optional<?> opt = (Optional<?>) value;
            return opt.map(v -> format(v, o.element(), xe)).orElse("");
        }
        if (value instanceof WireEnum e) {
            return e.wireName();
        }
        if (value instanceof Instant t) {
            return Values.formatDateTime(t);
        }
        return value.toString();
    }

    private static String refText(Ref<?> ref, String className, Xe xe) {
        if (ref.isNull()) {
            return NOT_IN_DATABASE;
        }
        return xe == null ? ref.handle() : xe.uuidOf(className, ref).orElse(NOT_IN_DATABASE);
    }
}
