package org.jxapi.xenapi.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * No Jackson type in the signatures of this bundle's exported packages: a user of the codec must
 * not depend on the Jackson version the bundle happens to use (it is kept in a private package).
 */
class ExportedSignaturesTest {
    private static final List<String> EXPORTED = List.of("org.jxapi.xenapi.wire", "org.jxapi.xenapi.model",
            "org.jxapi.xenapi.model.api", "org.jxapi.xenapi.model.types");

    @Test
    void noExportedSignatureMentionsJackson() throws Exception {
        List<String> leaks = new ArrayList<>();
        int classes = 0;
        for (String pkg : EXPORTED) {
            for (Class<?> c : classesOf(pkg)) {
                classes++;
                leaks.addAll(leaksOf(c));
            }
        }
        assertTrue(classes > 100, "found only " + classes + " classes to check");
        assertEquals(List.of(), leaks);
    }

    @Test
    void theCheckSeesJacksonWhereItIs() throws Exception {
        // The private package's writer is built on a Jackson generator; the check must notice that.
        Class<?> writer = Class.forName("org.jxapi.xenapi.wire.json.JsonValueWriter");
        assertTrue(!declaredLeaksOf(writer).isEmpty(), "the check found no Jackson type in " + writer);
    }

    private static List<Class<?>> classesOf(String pkg) throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(JsonWire.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path dir = root.resolve(pkg.replace('.', '/'));
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = f.getFileName().toString();
                out.add(Class.forName(pkg + "." + name.substring(0, name.length() - ".class".length()), false,
                        JsonWire.class.getClassLoader()));
            }
        }
        return out;
    }

    /** Jackson types in what other bundles can see: public and protected members of public classes. */
    private static List<String> leaksOf(Class<?> c) {
        List<String> out = new ArrayList<>();
        if (!Modifier.isPublic(c.getModifiers())) {
            return out;
        }
        check(out, c.getName() + " extends", c.getGenericSuperclass());
        for (Type t : c.getGenericInterfaces()) {
            check(out, c.getName() + " implements", t);
        }
        for (Method m : c.getDeclaredMethods()) {
            if (visible(m.getModifiers()) && !m.isSynthetic()) {
                check(out, m.toString(), m.getGenericReturnType());
                for (Type t : m.getGenericParameterTypes()) {
                    check(out, m.toString(), t);
                }
                for (Type t : m.getGenericExceptionTypes()) {
                    check(out, m.toString(), t);
                }
            }
        }
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (visible(k.getModifiers())) {
                for (Type t : k.getGenericParameterTypes()) {
                    check(out, k.toString(), t);
                }
            }
        }
        for (Field f : c.getDeclaredFields()) {
            if (visible(f.getModifiers())) {
                check(out, f.toString(), f.getGenericType());
            }
        }
        return out;
    }

    /** Every member, whatever its access: Jackson types the class uses at all. */
    private static List<String> declaredLeaksOf(Class<?> c) {
        List<String> out = new ArrayList<>();
        for (Field f : c.getDeclaredFields()) {
            check(out, f.toString(), f.getGenericType());
        }
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            for (Type t : k.getGenericParameterTypes()) {
                check(out, k.toString(), t);
            }
        }
        return out;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void check(List<String> out, String where, Type t) {
        if (t != null && t.getTypeName().contains("com.fasterxml.")) {
            out.add(where);
        }
    }
}
