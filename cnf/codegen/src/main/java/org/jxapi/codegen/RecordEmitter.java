package org.jxapi.codegen;

import java.util.ArrayList;
import java.util.List;

import org.jxapi.codegen.ModelSpec.ClassSpec;
import org.jxapi.codegen.ModelSpec.FieldSpec;
import org.jxapi.codegen.TypeExpr.*;

/** One immutable record per class, with generic access by field index and a builder. */
final class RecordEmitter {
    private static final String M = JavaTypes.MODEL;
    private final JavaTypes types;

    RecordEmitter(JavaTypes types) {
        this.types = types;
    }

    SourceFile emit(ClassSpec c) {
        String name = types.className(c.name());
        SourceFile f = new SourceFile(JavaTypes.TYPES, name);
        List<FieldSpec> fields = c.fields();
        List<String> comps = new ArrayList<>();
        for (FieldSpec fs : fields) {
            comps.add(types.java(TypeExpr.parse(fs.type()), false) + " " + Names.component(fs.name()));
        }
        f.javadoc("", "The XenAPI class {@code " + c.name() + "}: one object's fields, immutable.");
        f.line("public record " + name + "(");
        for (int i = 0; i < comps.size(); i++) {
            f.line("        " + comps.get(i) + (i + 1 < comps.size() ? "," : ""));
        }
        f.line(") implements " + M + ".XenApiRecord {");
        f.line("    /** The model's description of {@code " + c.name() + "}. */");
        f.line("    public static final " + M + ".ClassMeta META = " + M + ".Model.clazz(" + Names.quote(c.name()) + ");");
        f.line("    /** The class as database calls name it. */");
        f.line("    public static final " + M + ".ClassKey<" + name + "> CLASS = " + M + ".ClassKey.of(META, " + name
                + ".class);");
        f.line();
        emitFields(f, c, name);
        emitCompactConstructor(f, name, fields);
        emitFromArray(f, name, fields);
        f.line("    /** A record holding the model's default for every field. */");
        f.line("    public static " + name + " defaults() {");
        f.line("        return fromArray(META.defaults());");
        f.line("    }");
        f.line();
        f.line("    @Override");
        f.line("    public " + M + ".ClassMeta meta() {");
        f.line("        return META;");
        f.line("    }");
        f.line();
        f.line("    @Override");
        f.line("    public Object get(int index) {");
        if (fields.isEmpty()) {
            f.line("        throw new IndexOutOfBoundsException(index);");
            f.line("    }");
            f.line();
            emitBuilder(f, name, fields);
            f.line("}");
            return f;
        }
        f.line("        return switch (index) {");
        for (int i = 0; i < fields.size(); i++) {
            f.line("            case " + i + " -> " + Names.component(fields.get(i).name()) + ";");
        }
        f.line("            default -> throw new IndexOutOfBoundsException(index);");
        f.line("        };");
        f.line("    }");
        f.line();
        emitBuilder(f, name, fields);
        f.line("}");
        return f;
    }

    /**
     * The typed field keys, {@code Vm.Fields.POWER_STATE}: a field name misspelt in code is a compile error
     * rather than an IllegalArgumentException at run time.
     */
    private void emitFields(SourceFile f, ClassSpec c, String name) {
        f.line("    /** One typed key per field, in model order, for database access. */");
        f.line("    public static final class Fields {");
        f.line("        private Fields() {");
        f.line("        }");
        java.util.Map<String, String> used = new java.util.HashMap<>();
        List<FieldSpec> fields = c.fields();
        for (int i = 0; i < fields.size(); i++) {
            FieldSpec fs = fields.get(i);
            String constant = Names.constant(fs.name());
            String prev = used.putIfAbsent(constant, fs.name());
            if (prev != null) {
                throw new IllegalStateException(c.name() + " fields " + prev + " and " + fs.name()
                        + " both map to constant " + constant);
            }
            TypeExpr t = TypeExpr.parse(fs.type());
            String decl;
            String factory;
            if (t instanceof MapT m) {
                decl = M + ".MapField<" + name + ", " + types.java(m.key(), true) + ", " + types.java(m.value(), true) + ">";
                factory = M + ".MapField.mapField";
            } else if (t instanceof SetT s) {
                decl = M + ".SetField<" + name + ", " + types.java(s.element(), true) + ">";
                factory = M + ".SetField.setField";
            } else {
                decl = M + ".Field<" + name + ", " + types.java(t, true) + ">";
                factory = M + ".Field.field";
            }
            f.line();
            f.javadoc("        ", "{@code " + fs.name() + "}: " + fs.type());
            f.line("        public static final " + decl + " " + constant + " = " + factory + "(" + name + ".CLASS, "
                    + Names.quote(fs.name()) + ", " + i + ");");
        }
        f.line("    }");
        f.line();
    }

    private void emitCompactConstructor(SourceFile f, String name, List<FieldSpec> fields) {
        f.line("    public " + name + " {");
        for (FieldSpec fs : fields) {
            TypeExpr t = TypeExpr.parse(fs.type());
            String n = Names.component(fs.name());
            if (t instanceof SetT) {
                f.line("        " + n + " = " + M + ".Values.copySet(" + n + ");");
            } else if (t instanceof MapT) {
                f.line("        " + n + " = " + M + ".Values.copyMap(" + n + ");");
            } else if (!(t instanceof Prim p && p != Prim.STRING && p != Prim.DATETIME)
                    && t != Special.ANY_RECORD && !(t instanceof RecordT)) {
                f.line("        if (" + n + " == null) {");
                f.line("            " + n + " = " + types.zero(t) + ";");
                f.line("        }");
            }
        }
        f.line("    }");
        f.line();
    }

    private void emitFromArray(SourceFile f, String name, List<FieldSpec> fields) {
        f.line("    /** Builds the record from field values in model order (boxed; null means the zero value). */");
        f.line("    @SuppressWarnings(\"unchecked\")");
        f.line("    public static " + name + " fromArray(Object[] v) {");
        f.line("        return new " + name + "(");
        for (int i = 0; i < fields.size(); i++) {
            TypeExpr t = TypeExpr.parse(fields.get(i).type());
            String expr;
            if (t == Prim.INT) {
                expr = M + ".Values.asLong(v[" + i + "])";
            } else if (t == Prim.FLOAT) {
                expr = M + ".Values.asDouble(v[" + i + "])";
            } else if (t == Prim.BOOL) {
                expr = M + ".Values.asBool(v[" + i + "])";
            } else {
                expr = "(" + types.java(t, true) + ") v[" + i + "]";
            }
            f.line("                " + expr + (i + 1 < fields.size() ? "," : ");"));
        }
        if (fields.isEmpty()) {
            f.line("                );");
        }
        f.line("    }");
        f.line();
    }

    private void emitBuilder(SourceFile f, String name, List<FieldSpec> fields) {
        f.line("    /** A builder starting from this record's values. */");
        f.line("    public Builder toBuilder() {");
        f.line("        return new Builder(toArray());");
        f.line("    }");
        f.line();
        f.line("    /** A builder starting from the model's defaults. */");
        f.line("    public static Builder builder() {");
        f.line("        return new Builder(META.defaults());");
        f.line("    }");
        f.line();
        f.line("    /** Sets fields one at a time, then {@link #build()}. */");
        f.line("    public static final class Builder {");
        f.line("        private final Object[] v;");
        f.line();
        f.line("        private Builder(Object[] v) {");
        f.line("            this.v = v;");
        f.line("        }");
        for (int i = 0; i < fields.size(); i++) {
            FieldSpec fs = fields.get(i);
            TypeExpr t = TypeExpr.parse(fs.type());
            f.line();
            f.line("        public Builder " + Names.component(fs.name()) + "(" + types.java(t, false) + " value) {");
            f.line("            v[" + i + "] = value;");
            f.line("            return this;");
            f.line("        }");
        }
        f.line();
        f.line("        public " + name + " build() {");
        f.line("            return fromArray(v.clone());");
        f.line("        }");
        f.line("    }");
    }
}
