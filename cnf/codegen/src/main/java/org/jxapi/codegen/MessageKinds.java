package org.jxapi.codegen;

import java.util.Map;

import org.jxapi.codegen.ModelSpec.ClassSpec;
import org.jxapi.codegen.ModelSpec.FieldSpec;
import org.jxapi.codegen.ModelSpec.MessageSpec;

/** Classifies implicit messages (getters, setters, collection edits, constructors) by name and field. */
final class MessageKinds {
    record Kind(String kind, String field) { }

    private MessageKinds() { }

    static Kind classify(ClassSpec c, MessageSpec m, Map<String, FieldSpec> fields) {
        if (!m.implicit()) {
            return new Kind("EXPLICIT", null);
        }
        String n = m.name();
        switch (n) {
            case "create": return new Kind("CREATE", null);
            case "destroy": return new Kind("DESTROY", null);
            case "get_by_uuid": return new Kind("GET_BY_UUID", "uuid");
            case "get_by_name_label": return new Kind("GET_BY_NAME_LABEL", "name_label");
            case "get_record": return new Kind("GET_RECORD", null);
            case "get_all": return new Kind("GET_ALL", null);
            case "get_all_records": return new Kind("GET_ALL_RECORDS", null);
            case "get_all_records_where": return new Kind("GET_ALL_RECORDS_WHERE", null);
            default: break;
        }
        Kind k = prefixed(n, "get_", "GET_FIELD", fields, null)
                ;
        if (k != null) {
            return k;
        }
        if ((k = prefixed(n, "set_", "SET_FIELD", fields, null)) != null) {
            return k;
        }
        if ((k = prefixed(n, "add_to_", "ADD_TO_MAP", fields, ") map")) != null) {
            return k;
        }
        if ((k = prefixed(n, "remove_from_", "REMOVE_FROM_MAP", fields, ") map")) != null) {
            return k;
        }
        if ((k = prefixed(n, "add_", "ADD_TO_SET", fields, " set")) != null) {
            return k;
        }
        if ((k = prefixed(n, "remove_", "REMOVE_FROM_SET", fields, " set")) != null) {
            return k;
        }
        throw new IllegalStateException("cannot classify implicit message " + c.name() + "." + n);
    }

    private static Kind prefixed(String n, String prefix, String kind, Map<String, FieldSpec> fields,
                                 String typeSuffix) {
        if (!n.startsWith(prefix)) {
            return null;
        }
        FieldSpec f = fields.get(n.substring(prefix.length()));
        if (f == null || (typeSuffix != null && !f.type().endsWith(typeSuffix))) {
            return null;
        }
        return new Kind(kind, f.name());
    }
}
