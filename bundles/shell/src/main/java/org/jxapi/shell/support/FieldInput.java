package org.jxapi.shell.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.support.CommandException;
import org.jxapi.xenapi.model.FieldMeta;
import org.jxapi.xenapi.model.Model;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.XenApiType;
import org.jxapi.xenapi.wire.TypedDecoder;

/**
 * Text from the command line as a typed field value: numbers, booleans and enums by their
 * names, references by the uuid (or, where unique, the name-label) of the object, sets as
 * comma-separated lists.
 */
public final class FieldInput {
    private FieldInput() {
    }

    public static Object parse(String text, XenApiType type, String name, Xe xe) throws CommandException {
        try {
            if (type instanceof XenApiType.RefOf r) {
                return Selection.one(xe, Model.clazz(r.className()).name(), text);
            }
            if (type instanceof XenApiType.SetOf s) {
                List<Object> items = new ArrayList<>();
                for (String part : text.isEmpty() ? new String[0] : text.split(",")) {
                    items.add(raw(part.trim(), s.element(), name, xe));
                }
                return TypedDecoder.convert(items, type, name);
            }
            if (type instanceof XenApiType.MapOf) {
                throw XeErrors.error("Error: " + name + " is a map: set its keys as " + name + ":<key>=<value>");
            }
            return TypedDecoder.convert(raw(text, type, name, xe), type, name);
        } catch (XenApiException e) {
            if (e.code().equals("FIELD_TYPE_ERROR")) {
                throw XeErrors.error("Error: '" + text + "' is not a valid value for " + name + " (" + type.wireName() + ")");
            }
            throw e;
        }
    }

    /** The raw (wire) form the decoder accepts for one value. */
    private static Object raw(String text, XenApiType type, String name, Xe xe) throws CommandException {
        if (type == XenApiType.Primitive.BOOL) {
            if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                throw XeErrors.error("Error: '" + text + "' is not true or false (" + name + ")");
            }
            return Boolean.parseBoolean(text);
        }
        if (type == XenApiType.Primitive.INT) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw XeErrors.error("Error: '" + text + "' is not an integer (" + name + ")");
            }
        }
        if (type == XenApiType.Primitive.FLOAT) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw XeErrors.error("Error: '" + text + "' is not a number (" + name + ")");
            }
        }
        if (type instanceof XenApiType.RefOf r) {
            return Selection.one(xe, Model.clazz(r.className()).name(), text).handle();
        }
        return text;
    }

    /** A field's value for {@code set_<field>}, from text. */
    public static Object forField(FieldMeta f, String text, Xe xe) throws CommandException {
        return parse(text, f.type(), XeNames.field(f), xe);
    }

    /** Whether a field is a map (set through {@code field:key=value}). */
    public static boolean isMap(FieldMeta f) {
        return f.type() instanceof XenApiType.MapOf;
    }

    static Map<String, String> none() {
        return Map.of();
    }
}
