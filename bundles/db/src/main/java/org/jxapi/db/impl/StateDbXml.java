package org.jxapi.db.impl;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.jxapi.db.Row;
import org.jxapi.db.impl.Schema.Link;
import org.jxapi.db.impl.Schema.TableDef;
import org.jxapi.xenapi.model.FieldMeta;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.Values;

/**
 * The original's XML database format ({@code state.db}): a manifest with the schema version and
 * the generation count, then one {@code <table name>} per class holding {@code <row ref __ctime
 * __mtime field="value" .../>} elements. Whitespace and {@code %} in values are protected with
 * {@code %} escapes, as the original does, so attribute normalisation cannot change them.
 */
final class StateDbXml {
    static final int SCHEMA_MAJOR = 5;
    static final int SCHEMA_MINOR = 909;
    private static final XMLInputFactory INPUT = inputFactory();

    private StateDbXml() {
    }

    private static XMLInputFactory inputFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setXMLReporter((message, type, info, location) -> { });
        return f;
    }

    static void write(DbState state, Writer w) throws IOException {
        w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<database>\n<manifest>");
        pair(w, "schema_major_vsn", Integer.toString(SCHEMA_MAJOR));
        pair(w, "schema_minor_vsn", Integer.toString(SCHEMA_MINOR));
        pair(w, "generation_count", Long.toString(state.generation));
        w.write("</manifest>\n");
        StringBuilder sb = new StringBuilder(1024);
        for (TableState t : state.tables) {
            TableDef def = t.def;
            w.write("<table name=\"");
            w.write(def.name());
            w.write("\">\n");
            // Like the original: every table appears, but in-memory-only tables hold no rows.
            if (def.persisted) {
                String[] columns = new String[def.meta.fields().size()];
                for (FieldMeta f : def.meta.fields()) {
                    columns[f.index()] = FieldNames.toColumn(def.name(), f.name());
                }
                for (Row r : t) {
                    RowImpl row = (RowImpl) r;
                    sb.setLength(0);
                    sb.append("<row ref=\"");
                    attr(sb, row.handle());
                    sb.append("\" __ctime=\"").append(row.created).append("\" __mtime=\"").append(row.modified).append('"');
                    for (FieldMeta f : def.meta.fields()) {
                        sb.append(' ').append(columns[f.index()]).append("=\"");
                        attr(sb, DbStrings.encode(row.values[f.index()], f.type()));
                        sb.append('"');
                    }
                    sb.append("/>\n");
                    w.append(sb);
                }
            }
            w.write("</table>\n");
        }
        w.write("</database>\n");
        w.flush();
    }

    private static void pair(Writer w, String k, String v) throws IOException {
        w.write("<pair key=\"" + k + "\" value=\"" + v + "\"/>");
    }

    /** Protects whitespace and '%' as the original does, then escapes for an XML attribute. */
    static void attr(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case ' ' -> sb.append("%.");
                case '\t' -> sb.append("%t");
                case '\n' -> sb.append("%n");
                case '\r' -> sb.append("%r");
                case '%' -> sb.append("%%");
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
    }

    static String unprotect(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 1 < s.length()) {
                char d = s.charAt(i + 1);
                String r = switch (d) {
                    case '.' -> " ";
                    case 't' -> "\t";
                    case 'n' -> "\n";
                    case 'r' -> "\r";
                    case '%' -> "%";
                    case '_' -> "  ";
                    default -> null;
                };
                if (r != null) {
                    sb.append(r);
                    i++;
                    continue;
                }
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** Reads a dump into a state. Unknown tables and columns are skipped; missing fields take defaults. */
    static DbState read(InputStream in, Schema schema) throws IOException {
        Map<TableDef, List<RowImpl>> rows = new LinkedHashMap<>();
        long generation = 0;
        try {
            XMLStreamReader r = INPUT.createXMLStreamReader(in);
            TableDef current = null;
            boolean inTable = false;
            boolean sawDatabase = false;
            while (r.hasNext()) {
                int ev = r.next();
                if (ev != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                switch (r.getLocalName()) {
                    case "database" -> sawDatabase = true;
                    case "manifest" -> { }
                    case "pair" -> {
                        if ("generation_count".equals(r.getAttributeValue(null, "key"))) {
                            generation = Long.parseLong(r.getAttributeValue(null, "value").trim());
                        }
                    }
                    case "table" -> {
                        current = schema.tableOrNull(r.getAttributeValue(null, "name"));
                        inTable = true;
                    }
                    case "row" -> {
                        if (!inTable) {
                            throw new IOException("a row outside any table");
                        }
                        if (current != null && current.persisted) {
                            RowImpl row = readRow(r, current);
                            rows.computeIfAbsent(current, k -> new ArrayList<>()).add(row);
                            generation = Math.max(generation, row.modified);
                        }
                    }
                    default -> throw new IOException("unexpected element <" + r.getLocalName() + "> in state.db");
                }
            }
            if (!sawDatabase) {
                throw new IOException("not a state.db: no <database> element");
            }
        } catch (XMLStreamException | IllegalArgumentException e) {
            throw new IOException("cannot read state.db: " + e.getMessage(), e);
        }
        return build(schema, rows, generation);
    }

    private static RowImpl readRow(XMLStreamReader r, TableDef def) {
        Object[] values = def.meta.defaults();
        String ref = null;
        long ctime = 0;
        long mtime = 0;
        for (int i = 0; i < r.getAttributeCount(); i++) {
            String name = r.getAttributeLocalName(i);
            String value = r.getAttributeValue(i);
            switch (name) {
                case "ref" -> ref = value;
                case "__ctime" -> ctime = Long.parseLong(value.trim());
                case "__mtime" -> mtime = Long.parseLong(value.trim());
                default -> {
                    FieldMeta f = def.meta.field(FieldNames.toField(name));
                    if (f != null) {
                        values[f.index()] = DbStrings.decode(unprotect(value), f.type());
                    }
                }
            }
        }
        if (ref == null) {
            throw new IllegalArgumentException("a row of " + def.name() + " without ref");
        }
        return new RowImpl(def, Ref.of(ref), values, ctime, mtime);
    }

    /** Indexes the rows and makes every derived set agree with the references that back it. */
    private static DbState build(Schema schema, Map<TableDef, List<RowImpl>> loaded, long generation) {
        // Who points where, per (table, set link): target handle to sources in file order.
        Map<TableDef, List<Map<String, List<Ref<?>>>>> backing = new HashMap<>();
        for (TableDef def : schema.tables) {
            List<Map<String, List<Ref<?>>>> perLink = new ArrayList<>();
            for (Link link : def.setLinks) {
                Map<String, List<Ref<?>>> m = new HashMap<>();
                for (RowImpl src : loaded.getOrDefault(link.other(), List.of())) {
                    Ref<?> target = (Ref<?>) src.values[link.otherField()];
                    if (!target.isNull()) {
                        m.computeIfAbsent(target.handle(), k -> new ArrayList<>()).add(src.ref);
                    }
                }
                perLink.add(m);
            }
            backing.put(def, perLink);
        }
        DbState state = DbState.empty(schema);
        TableState[] tables = state.tables.clone();
        for (TableDef def : schema.tables) {
            List<Map<String, List<Ref<?>>>> perLink = backing.get(def);
            PMap<RowImpl> rowMap = PMap.empty();
            PMap<String> uuids = PMap.empty();
            PMap<Object> names = PMap.empty();
            for (RowImpl row : loaded.getOrDefault(def, List.of())) {
                Object[] values = row.values;
                for (int i = 0; i < def.setLinks.size(); i++) {
                    int f = def.setLinks.get(i).field();
                    List<Ref<?>> sources = perLink.get(i).remove(row.handle());
                    Set<Object> expected = new LinkedHashSet<>(sources == null ? List.of() : sources);
                    if (!expected.equals(values[f])) {
                        values[f] = Values.adoptSet(new LinkedHashSet<>(expected));
                    }
                }
                rowMap = rowMap.put(row.handle(), row);
                if (def.uuidField >= 0) {
                    uuids = uuids.put((String) values[def.uuidField], row.handle());
                }
                if (def.nameLabelField >= 0) {
                    names = TableState.addName(names, (String) values[def.nameLabelField], row.handle());
                }
            }
            @SuppressWarnings("unchecked")
            PMap<String[]>[] dangling = new PMap[def.setLinks.size()];
            for (int i = 0; i < dangling.length; i++) {
                PMap<String[]> d = PMap.empty();
                for (Map.Entry<String, List<Ref<?>>> e : perLink.get(i).entrySet()) {
                    d = d.put(e.getKey(), e.getValue().stream().map(Ref::handle).toArray(String[]::new));
                }
                dangling[i] = d;
            }
            tables[def.id] = new TableState(def, rowMap, uuids, names, dangling);
        }
        return new DbState(generation, tables);
    }
}
