package org.jxapi.codegen;

import java.util.ArrayList;
import java.util.List;

import org.jxapi.codegen.ModelSpec.*;

/** The model-wide tables: the class index, the error codes, the roles and the releases. */
final class IndexEmitter {
    private static final String M = JavaTypes.MODEL;
    private final JavaTypes types;

    IndexEmitter(JavaTypes types) {
        this.types = types;
    }

    SourceFile model(List<ClassSpec> classes) {
        SourceFile f = new SourceFile(M, "Model");
        f.javadoc("", "Every class of the XenAPI model, with lookups by class and message name.");
        f.line("public final class Model {");
        f.line("    private static final java.util.List<ClassMeta> CLASSES;");
        f.line("    private static final java.util.Map<String, ClassMeta> BY_NAME = new java.util.HashMap<>();");
        f.line("    private static final java.util.Map<String, ClassMeta> BY_LOWER_NAME = new java.util.HashMap<>();");
        f.line("    private static final java.util.Map<String, MessageMeta> MESSAGES = new java.util.LinkedHashMap<>();");
        f.line();
        f.line("    static {");
        f.line("        java.util.List<ClassMeta> all = new java.util.ArrayList<>();");
        for (ClassSpec c : classes) {
            f.line("        all.add(" + MetaEmitter.metaName(types, c) + ".build());");
        }
        f.line("        CLASSES = java.util.List.copyOf(all);");
        f.line("        for (ClassMeta c : CLASSES) {");
        f.line("            BY_NAME.put(c.name(), c);");
        f.line("            BY_LOWER_NAME.put(c.name().toLowerCase(java.util.Locale.ROOT), c);");
        f.line("            for (MessageMeta m : c.messages()) {");
        f.line("                MESSAGES.put(m.wireName(), m);");
        f.line("            }");
        f.line("        }");
        f.line("    }");
        f.line();
        f.line("    private Model() {");
        f.line("    }");
        f.line();
        f.line("    /** All classes in model order. */");
        f.line("    public static java.util.List<ClassMeta> classes() {");
        f.line("        return CLASSES;");
        f.line("    }");
        f.line();
        f.line("    /** The class with exactly this name ({@code VM}), or null. */");
        f.line("    public static ClassMeta clazz(String name) {");
        f.line("        return BY_NAME.get(name);");
        f.line("    }");
        f.line();
        f.line("    /** The class with this name in any case ({@code vm}, as event classes are spelled), or null. */");
        f.line("    public static ClassMeta clazzIgnoreCase(String name) {");
        f.line("        ClassMeta c = BY_NAME.get(name);");
        f.line("        return c != null ? c : BY_LOWER_NAME.get(name.toLowerCase(java.util.Locale.ROOT));");
        f.line("    }");
        f.line();
        f.line("    /** The message with this wire name ({@code VM.start}), or null. */");
        f.line("    public static MessageMeta message(String wireName) {");
        f.line("        return MESSAGES.get(wireName);");
        f.line("    }");
        f.line();
        f.line("    /** Every message in model order. */");
        f.line("    public static java.util.Collection<MessageMeta> messages() {");
        f.line("        return java.util.Collections.unmodifiableCollection(MESSAGES.values());");
        f.line("    }");
        f.line("}");
        return f;
    }

    SourceFile errors(List<ErrorSpec> errors) {
        SourceFile f = new SourceFile(M, "ErrorCodes");
        f.javadoc("", "Every XenAPI error code with its parameter names, as the model documents them.");
        f.line("public final class ErrorCodes {");
        f.line("    private ErrorCodes() {");
        f.line("    }");
        List<String> names = new ArrayList<>();
        for (ErrorSpec e : errors) {
            String id = e.name();
            if (!id.matches("[A-Z_][A-Z0-9_]*")) {
                throw new IllegalStateException("error code is not a Java identifier: " + id);
            }
            names.add(id);
            f.line();
            f.line("    public static final ErrorCode " + id + " = new ErrorCode(" + Names.quote(id) + ", "
                    + MetaEmitter.strings(e.params() == null ? List.of() : e.params()) + ", " + (e.params() != null)
                    + ");");
        }
        f.line();
        f.line("    private static final java.util.Map<String, ErrorCode> ALL;");
        f.line();
        f.line("    static {");
        f.line("        java.util.Map<String, ErrorCode> all = new java.util.LinkedHashMap<>();");
        for (String n : names) {
            f.line("        all.put(" + Names.quote(n) + ", " + n + ");");
        }
        f.line("        ALL = java.util.Collections.unmodifiableMap(all);");
        f.line("    }");
        f.line();
        f.line("    /** All codes by name, in model order. */");
        f.line("    public static java.util.Map<String, ErrorCode> all() {");
        f.line("        return ALL;");
        f.line("    }");
        f.line("}");
        return f;
    }

    SourceFile roles(List<String> roles) {
        SourceFile f = new SourceFile(M, "Roles");
        f.javadoc("", "The roles of the model, most powerful first; bit i of a role mask stands for ORDERED.get(i).");
        f.line("public final class Roles {");
        f.line("    private Roles() {");
        f.line("    }");
        f.line();
        f.line("    public static final java.util.List<String> ORDERED = " + MetaEmitter.strings(roles) + ";");
        f.line("}");
        return f;
    }

    SourceFile releases(List<ReleaseSpec> releases) {
        SourceFile f = new SourceFile(M, "Releases");
        f.javadoc("", "Product releases in order, each with its XenAPI version.");
        f.line("public final class Releases {");
        f.line("    private Releases() {");
        f.line("    }");
        f.line();
        f.line("    public static final java.util.List<Release> ALL = java.util.List.of(");
        for (int i = 0; i < releases.size(); i++) {
            ReleaseSpec r = releases.get(i);
            f.line("            new Release(" + (r.codeName() == null ? "null" : Names.quote(r.codeName())) + ", "
                    + r.major() + "L, " + r.minor() + "L, " + Names.quote(r.branding()) + ")"
                    + (i + 1 < releases.size() ? "," : ");"));
        }
        f.line();
        f.line("    /** The release with this code name, or null. */");
        f.line("    public static Release byCodeName(String codeName) {");
        f.line("        for (Release r : ALL) {");
        f.line("            if (codeName.equals(r.codeName())) {");
        f.line("                return r;");
        f.line("            }");
        f.line("        }");
        f.line("        return null;");
        f.line("    }");
        f.line("}");
        return f;
    }
}
