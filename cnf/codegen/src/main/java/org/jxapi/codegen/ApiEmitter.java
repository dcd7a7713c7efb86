package org.jxapi.codegen;

import java.util.ArrayList;
import java.util.List;

import org.jxapi.codegen.ModelSpec.ClassSpec;
import org.jxapi.codegen.ModelSpec.MessageSpec;
import org.jxapi.codegen.ModelSpec.ParamSpec;

/**
 * One interface per class holding its explicit messages. Every method is a default that answers
 * NOT_IMPLEMENTED, so a bundle implements just the messages it serves.
 */
final class ApiEmitter {
    static final String API = JavaTypes.MODEL + ".api";
    private final JavaTypes types;

    ApiEmitter(JavaTypes types) {
        this.types = types;
    }

    /** Null when the class has no explicit message. */
    SourceFile emit(ClassSpec c) {
        List<MessageSpec> explicit = new ArrayList<>();
        for (MessageSpec m : c.messages()) {
            if (!m.implicit()) {
                explicit.add(m);
            }
        }
        if (explicit.isEmpty()) {
            return null;
        }
        String name = types.className(c.name()) + "Api";
        SourceFile f = new SourceFile(API, name);
        f.javadoc("", "The explicit messages of {@code " + c.name() + "}; register an implementation as an OSGi service.");
        f.line("public interface " + name + " {");
        for (MessageSpec m : explicit) {
            TypeExpr result = TypeExpr.parse(m.result());
            f.line();
            f.javadoc("    ", "{@code " + c.name() + "." + m.name() + "}");
            f.line("    default " + types.java(result, false) + " " + Names.member(m.name()) + "("
                    + params(m.params()) + ") {");
            f.line("        throw " + JavaTypes.MODEL + ".ErrorCodes.NOT_IMPLEMENTED.error("
                    + Names.quote(c.name() + "." + m.name()) + ");");
            f.line("    }");
        }
        f.line();
        f.line("    /**");
        f.line("     * Calls the method of {@code message} (its name without the class) with arguments already");
        f.line("     * converted to their Java types, boxed, in wire order; returns the boxed result or null.");
        f.line("     */");
        f.line("    @SuppressWarnings(\"unchecked\")");
        f.line("    static Object invoke(" + name + " target, String message, Object[] a) {");
        f.line("        switch (message) {");
        for (MessageSpec m : explicit) {
            TypeExpr result = TypeExpr.parse(m.result());
            List<String> args = new ArrayList<>();
            for (int i = 0; i < m.params().size(); i++) {
                TypeExpr t = TypeExpr.parse(m.params().get(i).type());
                args.add("(" + types.java(t, true) + ") a[" + i + "]");
            }
            String call = "target." + Names.member(m.name()) + "(" + String.join(", ", args) + ")";
            f.line("            case " + Names.quote(m.name()) + ":");
            if (result == TypeExpr.Prim.VOID) {
                f.line("                " + call + ";");
                f.line("                return null;");
            } else {
                f.line("                return " + call + ";");
            }
        }
        f.line("            default:");
        f.line("                throw new IllegalArgumentException(\"no explicit message " + c.name()
                + ".\" + message);");
        f.line("        }");
        f.line("    }");
        f.line("}");
        return f;
    }

    private String params(List<ParamSpec> ps) {
        List<String> out = new ArrayList<>();
        for (ParamSpec p : ps) {
            out.add(types.java(TypeExpr.parse(p.type()), false) + " " + Names.member(p.name()));
        }
        return String.join(", ", out);
    }
}
