package org.jxapi.shell.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.Row;
import org.apache.karaf.shell.support.table.ShellTable;
import org.jxapi.xenapi.model.ClassMeta;
import org.jxapi.xenapi.model.FieldMeta;
import org.jxapi.xenapi.model.Model;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiRecord;

/**
 * {@code <class>-list}: the objects of a class as a table, filtered by {@code field=value},
 * with the columns {@code params=} names ({@code params=all} for every field), or, with
 * {@code --minimal}, only their uuids separated by commas, as xe prints them for scripts.
 */
public abstract class ListCommandSupport extends XeCommandSupport {
    @Option(name = "--minimal", description = "Print only the uuids, separated by commas")
    protected boolean minimal;

    protected abstract String className();

    /** The columns shown without {@code params=}, as xe names them. */
    protected abstract List<String> defaultColumns();

    /** Filters applied unless the user gives the same key (vm-list hides templates). */
    protected Map<String, String> implicitFilters() {
        return Map.of();
    }

    @Override
    protected void run(Xe xe, XeArgs args) throws Exception {
        ClassMeta c = Model.clazz(className());
        List<String> columns = columns(c, args.take("params").orElse(null));
        Map<String, String> filters = new LinkedHashMap<>(implicitFilters());
        filters.putAll(args.rest());
        args.clear();
        List<Map.Entry<Ref<?>, XenApiRecord>> rows = Selection.matching(xe, c, filters);
        FieldMeta uuid = c.field("uuid");
        if (minimal) {
            List<String> ids = new ArrayList<>();
            for (Map.Entry<Ref<?>, XenApiRecord> e : rows) {
                ids.add((String) e.getValue().get(uuid.index()));
            }
            System.out.println(String.join(",", ids));
            return;
        }
        ShellTable table = new ShellTable().emptyTableText("No " + c.name() + " objects match.");
        List<FieldMeta> fields = new ArrayList<>();
        for (String col : columns) {
            fields.add(XeNames.field(c, col));
            table.column(col);
        }
        for (Map.Entry<Ref<?>, XenApiRecord> e : rows) {
            Row row = table.addRow();
            for (FieldMeta f : fields) {
                row.addContent(FieldText.format(e.getValue().get(f.index()), f.type(), xe));
            }
        }
        table.print(System.out);
    }

    private List<String> columns(ClassMeta c, String params) throws CommandException {
        if (params == null || params.isBlank()) {
            return defaultColumns();
        }
        List<String> out = new ArrayList<>();
        if (params.equals("all")) {
            c.fields().forEach(f -> out.add(XeNames.field(f)));
            return out;
        }
        for (String p : params.split(",")) {
            FieldMeta f = XeNames.field(c, p.trim());
            if (f == null) {
                throw XeErrors.error("Error: " + c.name() + " has no field '" + p.trim() + "'");
            }
            out.add(XeNames.field(f));
        }
        return out;
    }
}
