package org.jxapi.codegen;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** One Java enum per model enum; each constant carries its wire name. */
final class EnumEmitter {
    private final JavaTypes types;

    EnumEmitter(JavaTypes types) {
        this.types = types;
    }

    SourceFile emit(String modelName, List<String> values) {
        String name = types.enumName(modelName);
        SourceFile f = new SourceFile(JavaTypes.TYPES, name);
        f.javadoc("", "The XenAPI enum {@code " + modelName + "}.");
        f.line("public enum " + name + " implements " + JavaTypes.MODEL + ".WireEnum {");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String c = Names.constant(values.get(i));
            if (!seen.add(c)) {
                throw new IllegalStateException("enum " + modelName + " has two values named " + c);
            }
            f.line("    " + c + "(" + Names.quote(values.get(i)) + ")" + (i + 1 < values.size() ? "," : ";"));
        }
        f.line();
        f.line("    /** The runtime type descriptor of this enum. */");
        f.line("    public static final " + JavaTypes.MODEL + ".XenApiType.EnumOf TYPE =");
        f.line("            new " + JavaTypes.MODEL + ".XenApiType.EnumOf(" + Names.quote(modelName) + ", "
                + name + ".class);");
        f.line();
        f.line("    private final String wireName;");
        f.line();
        f.line("    " + name + "(String wireName) {");
        f.line("        this.wireName = wireName;");
        f.line("    }");
        f.line();
        f.line("    @Override");
        f.line("    public String wireName() {");
        f.line("        return wireName;");
        f.line("    }");
        f.line();
        f.line("    /** The constant with this wire name, or null. */");
        f.line("    public static " + name + " fromWire(String s) {");
        f.line("        return (" + name + ") TYPE.fromWire(s);");
        f.line("    }");
        f.line();
        f.line("    @Override");
        f.line("    public String toString() {");
        f.line("        return wireName;");
        f.line("    }");
        f.line("}");
        return f;
    }
}
