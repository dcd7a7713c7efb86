package org.jxapi.codegen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jxapi.codegen.ModelSpec.*;

/**
 * Per class, a package-private builder of its {@code ClassMeta}. Fields and messages are added in
 * chunks of a few dozen per method, which keeps every method far below the JVM's 64 KiB limit.
 */
final class MetaEmitter {
    private static final String M = JavaTypes.MODEL;
    private static final int CHUNK = 30;
    private final JavaTypes types;
    private final List<String> roles;
    /** Classes whose messages have no Async twin in the original (its SDKs agree). */
    private final Set<String> asyncFreeClasses = Set.of("session", "task", "message");
    /** Record access never has an Async twin, even where the model makes it explicit. */
    private static final Set<String> RECORD_GETTERS = Set.of("get_all", "get_all_records", "get_all_records_where",
            "get_record", "get_by_uuid", "get_by_name_label");

    MetaEmitter(JavaTypes types, List<String> roles) {
        this.types = types;
        this.roles = roles;
    }

    static String metaName(JavaTypes types, ClassSpec c) {
        return types.className(c.name()) + "Def";
    }

    SourceFile emit(ClassSpec c) {
        String name = metaName(types, c);
        String rec = JavaTypes.TYPES + "." + types.className(c.name());
        SourceFile f = new SourceFile(M, name);
        f.line("final class " + name + " {");
        f.line("    private " + name + "() {");
        f.line("    }");
        f.line();
        f.line("    static ClassMeta build() {");
        f.line("        java.util.List<FieldMeta> f = new java.util.ArrayList<>();");
        int fieldChunks = (c.fields().size() + CHUNK - 1) / CHUNK;
        for (int i = 0; i < fieldChunks; i++) {
            f.line("        fields" + i + "(f);");
        }
        f.line("        java.util.List<MessageMeta> m = new java.util.ArrayList<>();");
        int msgChunks = (c.messages().size() + CHUNK - 1) / CHUNK;
        for (int i = 0; i < msgChunks; i++) {
            f.line("        messages" + i + "(m);");
        }
        List<String> enumRefs = new ArrayList<>();
        for (EnumSpec e : c.enums()) {
            enumRefs.add(JavaTypes.TYPES + "." + types.enumName(e.name()) + ".TYPE");
        }
        f.line("        return new ClassMeta(" + Names.quote(c.name()) + ", " + Names.quote(types.className(c.name()))
                + ", " + lifecycle(c.lifecycle()) + ", f, m, java.util.List.of(" + String.join(", ", enumRefs)
                + "), " + rec + ".class, " + rec + "::fromArray);");
        f.line("    }");
        for (int i = 0; i < fieldChunks; i++) {
            f.line();
            f.line("    private static void fields" + i + "(java.util.List<FieldMeta> f) {");
            for (int j = i * CHUNK; j < Math.min(c.fields().size(), (i + 1) * CHUNK); j++) {
                f.line("        f.add(" + field(j, c.fields().get(j)) + ");");
            }
            f.line("    }");
        }
        Map<String, FieldSpec> byName = new HashMap<>();
        for (FieldSpec fs : c.fields()) {
            byName.put(fs.name(), fs);
        }
        for (int i = 0; i < msgChunks; i++) {
            f.line();
            f.line("    private static void messages" + i + "(java.util.List<MessageMeta> m) {");
            for (int j = i * CHUNK; j < Math.min(c.messages().size(), (i + 1) * CHUNK); j++) {
                f.line("        m.add(" + message(c, c.messages().get(j), byName) + ");");
            }
            f.line("    }");
        }
        f.line("}");
        return f;
    }

    private String field(int index, FieldSpec fs) {
        TypeExpr t = TypeExpr.parse(fs.type());
        boolean has = fs.defaultLiteral() != null;
        String def = has ? types.literal(t, fs.defaultLiteral()) : types.zero(t);
        return "new FieldMeta(" + index + ", " + Names.quote(fs.name()) + ", " + Names.quote(Names.component(fs.name()))
                + ", " + types.descriptor(t) + ", Qualifier.fromWire(" + Names.quote(fs.qualifier()) + "), " + has
                + ", " + def + ", " + lifecycle(fs.lifecycle()) + ")";
    }

    private String message(ClassSpec c, MessageSpec m, Map<String, FieldSpec> fields) {
        MessageKinds.Kind kind = MessageKinds.classify(c, m, fields);
        List<String> params = new ArrayList<>();
        for (ParamSpec p : m.params()) {
            params.add("new ParamMeta(" + Names.quote(p.name()) + ", " + Names.quote(Names.member(p.name())) + ", "
                    + types.descriptor(TypeExpr.parse(p.type())) + ")");
        }
        long mask = 0;
        for (String r : m.roles()) {
            int i = roles.indexOf(r);
            if (i < 0) {
                throw new IllegalStateException("unknown role " + r);
            }
            mask |= 1L << i;
        }
        // The original gives an Async twin to every message but getters and setters, except on
        // session and task (reference-notes 2.5).
        boolean async = !asyncFreeClasses.contains(c.name()) && !RECORD_GETTERS.contains(m.name())
                && (kind.kind().equals("EXPLICIT") || kind.kind().equals("CREATE") || kind.kind().equals("DESTROY"));
        return "new MessageMeta(" + Names.quote(c.name()) + ", " + Names.quote(m.name()) + ", "
                + Names.quote(Names.member(m.name())) + ", java.util.List.of("
                + String.join(", ", params) + "), " + types.descriptor(TypeExpr.parse(m.result())) + ", "
                + strings(m.roles()) + ", " + mask + "L, " + strings(new ArrayList<>(new LinkedHashSet<>(m.errors())))
                + ", ImplicitKind." + kind.kind() + ", " + (kind.field() == null ? "null" : Names.quote(kind.field()))
                + ", " + lifecycle(m.lifecycle()) + ", " + async + ")";
    }

    static String strings(List<String> xs) {
        List<String> q = new ArrayList<>();
        for (String x : xs) {
            q.add(Names.quote(x));
        }
        return "java.util.List.of(" + String.join(", ", q) + ")";
    }

    static String lifecycle(LifecycleSpec l) {
        StringBuilder sb = new StringBuilder("Lifecycle.of(").append(Names.quote(l.state()));
        for (Transition t : l.transitions()) {
            sb.append(", ").append(Names.quote(t.kind())).append(", ").append(Names.quote(t.release()));
        }
        return sb.append(")").toString();
    }
}
