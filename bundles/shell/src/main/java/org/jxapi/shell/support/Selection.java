package org.jxapi.shell.support;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.support.CommandException;
import org.jxapi.xenapi.model.ClassMeta;
import org.jxapi.xenapi.model.FieldMeta;
import org.jxapi.xenapi.model.Model;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiRecord;

/**
 * Which objects a command acts on, as xe chooses them: {@code uuid=}, the class's own key
 * ({@code vm=} with a name-label or uuid), and field filters ({@code power-state=halted}). More
 * than one match needs {@code --multiple}.
 */
public final class Selection {
    private Selection() {
    }

    /** The object a uuid or (unique) name-label names. */
    public static Ref<?> one(Xe xe, String className, String uuidOrName) throws CommandException {
        List<Ref<?>> found = new ArrayList<>();
        ClassMeta c = Model.clazz(className);
        FieldMeta nameLabel = c.field("name_label");
        for (Map.Entry<Ref<?>, XenApiRecord> e : xe.records(className).entrySet()) {
            XenApiRecord r = e.getValue();
            String uuid = (String) r.get(c.field("uuid").index());
            if (uuid.equals(uuidOrName)) {
                return e.getKey();
            }
            if (nameLabel != null && uuidOrName.equals(r.get(nameLabel.index()))) {
                found.add(e.getKey());
            }
        }
        String noun = className;
        if (found.isEmpty()) {
            throw XeErrors.error("Error: no " + noun + " with uuid or name-label '" + uuidOrName + "'");
        }
        if (found.size() > 1) {
            throw XeErrors.error("Error: " + found.size() + " " + noun
                    + " objects are named '" + uuidOrName + "'; give a uuid");
        }
        return found.get(0);
    }

    /**
     * Takes the selecting arguments (everything left in {@code args}) and returns the matching
     * objects with their records, sorted by name-label then uuid.
     */
    public static List<Map.Entry<Ref<?>, XenApiRecord>> select(Xe xe, String className, XeArgs args,
                                                                Map<String, String> implicit, boolean multiple)
            throws CommandException {
        ClassMeta c = Model.clazz(className);
        String key = XeNames.prefix(className);
        Map<String, String> filters = new java.util.LinkedHashMap<>(implicit);
        boolean chosen = false;
        for (Map.Entry<String, String> e : args.rest().entrySet()) {
            filters.put(e.getKey(), e.getValue());
            chosen = true;
        }
        args.clear();
        if (!chosen && !multiple) {
            throw XeErrors.error("Error: say which " + className + ": uuid=<uuid>, " + key
                    + "=<name-label or uuid>, or field filters with --multiple");
        }
        List<Map.Entry<Ref<?>, XenApiRecord>> out = matching(xe, c, filters);
        if (out.isEmpty()) {
            throw XeErrors.error("Error: no matching " + className + " objects found");
        }
        if (out.size() > 1 && !multiple) {
            throw XeErrors.error("Error: " + out.size() + " " + className
                    + " objects match; add --multiple to act on all of them");
        }
        return out;
    }

    /** The records whose fields equal every filter (compared as xe prints them). */
    public static List<Map.Entry<Ref<?>, XenApiRecord>> matching(Xe xe, ClassMeta c, Map<String, String> filters)
            throws CommandException {
        String key = XeNames.prefix(c.name());
        FieldMeta uuid = c.field("uuid");
        FieldMeta nameLabel = c.field("name_label");
        List<Map.Entry<String, FieldMeta>> checks = new ArrayList<>();
        for (Map.Entry<String, String> f : filters.entrySet()) {
            if (f.getKey().equals(key)) {
                continue;
            }
            FieldMeta fm = XeNames.field(c, f.getKey());
            if (fm == null) {
                throw XeErrors.error("Error: unknown parameter or field '" + f.getKey()
                        + "' for " + c.name());
            }
            checks.add(Map.entry(f.getValue(), fm));
        }
        String byKey = filters.get(key);
        List<Map.Entry<Ref<?>, XenApiRecord>> out = new ArrayList<>();
        for (Map.Entry<Ref<?>, XenApiRecord> e : xe.records(c.name()).entrySet()) {
            XenApiRecord r = e.getValue();
            if (byKey != null && !byKey.equals(r.get(uuid.index()))
                    && (nameLabel == null || !byKey.equals(r.get(nameLabel.index())))) {
                continue;
            }
            boolean all = true;
            for (Map.Entry<String, FieldMeta> check : checks) {
                FieldMeta fm = check.getValue();
                if (!check.getKey().equalsIgnoreCase(FieldText.format(r.get(fm.index()), fm.type(), xe))) {
                    all = false;
                    break;
                }
            }
            if (all) {
                out.add(e);
            }
        }
        Comparator<Map.Entry<Ref<?>, XenApiRecord>> byName = Comparator.comparing(
                e -> nameLabel == null ? "" : (String) e.getValue().get(nameLabel.index()));
        out.sort(byName.thenComparing(e -> (String) e.getValue().get(uuid.index())));
        return out;
    }
}
