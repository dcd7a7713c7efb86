package org.jxapi.shell.support;

import java.util.ArrayList;
import java.util.List;

import org.jxapi.xenapi.model.FieldMeta;
import org.jxapi.xenapi.model.Values;
import org.jxapi.xenapi.model.XenApiRecord;
import org.jxapi.xenapi.model.types.Event;

/** One event as a line: time, class, operation, uuid, then the fields people watch (name, power state, status). */
public final class EventLine {
    private static final List<String> SHOWN = List.of("name_label", "power_state", "status", "progress",
            "currently_attached", "allowed_operations");

    private EventLine() {
    }

    public static String uuid(Event e) {
        if (!e.objUuid().isEmpty()) {
            return e.objUuid();
        }
        XenApiRecord r = e.snapshot();
        if (r != null) {
            FieldMeta u = r.meta().field("uuid");
            return u == null ? "" : String.valueOf(r.get(u.index()));
        }
        return "";
    }

    public static String of(Event e) {
        List<String> parts = new ArrayList<>();
        parts.add(Values.formatDateTime(e.timestamp()));
        parts.add(e.class_());
        parts.add(e.operation().wireName());
        String uuid = uuid(e);
        parts.add(uuid.isEmpty() ? e.ref() : uuid);
        XenApiRecord r = e.snapshot();
        if (r != null) {
            for (String name : SHOWN) {
                FieldMeta f = r.meta().field(name);
                if (f != null && !name.equals("allowed_operations")) {
                    parts.add(XeNames.field(f) + "=" + FieldText.format(r.get(f.index()), f.type(), null));
                }
            }
        }
        return String.join(" ", parts);
    }
}
