package org.jxapi.api.impl.dispatch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.jxapi.xenapi.model.ClassMeta;
import org.jxapi.xenapi.model.ImplicitKind;
import org.jxapi.xenapi.model.Lifecycle;
import org.jxapi.xenapi.model.MessageMeta;
import org.jxapi.xenapi.model.Model;
import org.jxapi.xenapi.model.ParamMeta;
import org.jxapi.xenapi.model.XenApiType;

/**
 * Every callable name: each message of the model under {@code Class.message} and
 * {@code Class_message}, its {@code Async.} twin where the model has one, and
 * {@code get_all_records_where} for each class with objects.
 */
public final class MethodTable {
    public record Resolved(MessageMeta message, boolean async) { }

    private final Map<String, MessageMeta> byName = new HashMap<>();
    private final List<String> listed;

    MethodTable() {
        TreeSet<String> names = new TreeSet<>();
        for (ClassMeta c : Model.classes()) {
            for (MessageMeta m : c.messages()) {
                add(m, names);
            }
            MessageMeta all = c.message("get_all_records");
            if (c.isPersistent() && all != null && c.message("get_all_records_where") == null) {
                add(new MessageMeta(c.name(), "get_all_records_where", "getAllRecordsWhere",
                        List.of(all.params().get(0), new ParamMeta("expr", "expr", XenApiType.Primitive.STRING)),
                        all.result(), all.roles(), all.roleMask(), List.of(), ImplicitKind.GET_ALL_RECORDS_WHERE, null,
                        Lifecycle.of("Published_s", "published", "orlando"), false), names);
            }
        }
        names.add("system.listMethods");
        listed = List.copyOf(names);
    }

    private void add(MessageMeta m, TreeSet<String> names) {
        String wire = m.wireName();
        byName.put(wire, m);
        byName.put(m.className() + "_" + m.name(), m);
        names.add(wire);
        if (m.async()) {
            names.add("Async." + wire);
        }
    }

    /** The message for a method name as clients send it, or null. */
    Resolved resolve(String method) {
        boolean async = false;
        String name = method;
        if (name.startsWith("Async.")) {
            name = name.substring(6);
            async = true;
        } else if (name.startsWith("InternalAsync.")) {
            name = name.substring(14);
            async = true;
        }
        MessageMeta m = byName.get(name);
        if (m == null || (async && !m.async())) {
            return null;
        }
        return new Resolved(m, async);
    }

    List<String> listMethods() {
        return listed;
    }
}
