package org.jxapi.shell.support.completers;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Candidate;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.jxapi.api.LocalXenApi;
import org.jxapi.shell.support.CurrentUser;
import org.jxapi.shell.support.Xe;
import org.jxapi.shell.support.XeNames;
import org.jxapi.xenapi.model.ClassMeta;
import org.jxapi.xenapi.model.FieldMeta;
import org.jxapi.xenapi.model.Model;
import org.jxapi.xenapi.model.WireEnum;
import org.jxapi.xenapi.model.XenApiRecord;
import org.jxapi.xenapi.model.XenApiType;

/**
 * Completes xe parameters by name, as xe's own bash completion does: before {@code =} the
 * parameter names of the command's class; after it, live values: name-labels and uuids for the
 * class key ({@code vm=}), uuids for {@code uuid=} and any {@code <class>-uuid=}, templates for
 * {@code template=}, enum values and booleans for such fields. Values are read as the shell's
 * user; a failure only means no candidates.
 */
@Service
public class XeParamCompleter implements Completer {
    @Reference
    private LocalXenApi api;

    public XeParamCompleter() {
    }

    /** For tests: a completer over this XenAPI. */
    public XeParamCompleter(LocalXenApi api) {
        this.api = api;
    }

    @Override
    public int complete(Session session, CommandLine line, List<String> candidates) {
        List<Candidate> found = new ArrayList<>();
        completeCandidates(session, line, found);
        found.forEach(c -> candidates.add(c.value()));
        return candidates.isEmpty() ? -1 : 0;
    }

    @Override
    public void completeCandidates(Session session, CommandLine line, List<Candidate> candidates) {
        String command = line.getArguments().length == 0 ? "" : line.getArguments()[0];
        String word = line.getCursorArgument() == null ? ""
                : line.getCursorArgument().substring(0, Math.min(line.getArgumentPosition(), line.getCursorArgument().length()));
        ClassMeta c = classOfCommand(command);
        try (Xe xe = Xe.open(api, CurrentUser.name(), session)) {
            int eq = word.indexOf('=');
            if (eq < 0) {
                for (String key : keys(command, c)) {
                    candidates.add(new Candidate(key + "=", false));
                }
            } else {
                String key = word.substring(0, eq);
                for (String v : values(xe, command, c, key)) {
                    candidates.add(new Candidate(key + "=" + v, true));
                }
            }
        } catch (Exception e) {
            // Completion offers what it can; an error (no account, no server) offers nothing.
        }
    }

    /** The class a command works on: {@code vm-start} and {@code template-list} mean VM. */
    public static ClassMeta classOfCommand(String command) {
        String name = command.contains(":") ? command.substring(command.indexOf(':') + 1) : command;
        if (name.equals("console")) {
            return Model.clazz("VM");
        }
        int dash = name.indexOf('-');
        return XeNames.classOf(dash < 0 ? name : name.substring(0, dash));
    }

    private static Set<String> keys(String command, ClassMeta c) {
        Set<String> keys = new LinkedHashSet<>();
        if (c == null) {
            return keys;
        }
        keys.add("uuid");
        keys.add(XeNames.prefix(c.name()));
        if (command.endsWith("-list")) {
            keys.add("params");
        }
        if (command.endsWith("-install")) {
            keys.add("template");
            keys.add("new-name-label");
            keys.add("sr-uuid");
        }
        for (FieldMeta f : c.fields()) {
            keys.add(XeNames.field(f));
        }
        return keys;
    }

    private static List<String> values(Xe xe, String command, ClassMeta c, String key) {
        List<String> out = new ArrayList<>();
        if (c != null && key.equals("params")) {
            c.fields().forEach(f -> out.add(XeNames.field(f)));
            out.add("all");
            return out;
        }
        if (c != null && key.equals(XeNames.prefix(c.name()))) {
            return namesAndUuids(xe, c, command.contains("template") ? Boolean.TRUE : null);
        }
        if (key.equals("template")) {
            return namesAndUuids(xe, Model.clazz("VM"), Boolean.TRUE);
        }
        if (c != null && key.equals("uuid")) {
            return uuids(xe, c);
        }
        if (key.endsWith("-uuid") && XeNames.classOf(key) != null) {
            return uuids(xe, XeNames.classOf(key));
        }
        ClassMeta named = XeNames.classOf(key);
        if (named != null && named.field("name_label") != null) {
            return namesAndUuids(xe, named, null);
        }
        FieldMeta f = c == null ? null : XeNames.field(c, key);
        if (f != null && f.type() instanceof XenApiType.EnumOf e) {
            e.values().forEach(v -> out.add(v instanceof WireEnum w ? w.wireName() : String.valueOf(v)));
        } else if (f != null && f.type() == XenApiType.Primitive.BOOL) {
            out.add("true");
            out.add("false");
        }
        return out;
    }

    private static List<String> uuids(Xe xe, ClassMeta c) {
        List<String> out = new ArrayList<>();
        for (XenApiRecord r : xe.records(c.name()).values()) {
            out.add((String) r.get(c.field("uuid").index()));
        }
        return out;
    }

    /** Name-labels first (what people type), then uuids; templates only, or no templates, for VMs. */
    private static List<String> namesAndUuids(Xe xe, ClassMeta c, Boolean templates) {
        Set<String> names = new LinkedHashSet<>();
        List<String> uuids = new ArrayList<>();
        FieldMeta template = c.field("is_a_template");
        for (XenApiRecord r : xe.records(c.name()).values()) {
            if (template != null && (templates != null ? !templates.equals(r.get(template.index()))
                    : Boolean.TRUE.equals(r.get(template.index())))) {
                continue;
            }
            String name = (String) r.get(c.field("name_label").index());
            if (!name.isEmpty()) {
                names.add(name.contains(" ") ? "\"" + name + "\"" : name);
            }
            uuids.add((String) r.get(c.field("uuid").index()));
        }
        List<String> out = new ArrayList<>(names);
        out.addAll(uuids);
        return out;
    }
}
