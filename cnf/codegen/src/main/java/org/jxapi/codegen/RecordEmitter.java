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
        f.line();
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
