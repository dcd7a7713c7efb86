package org.jxapi.xenops.qemu.impl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import org.jxapi.xenops.json.XenopsJson;

/** Small helpers over the plain values (Map, List, String, Long, Double, Boolean) JSON is read into. */
final class Json {
    private Json() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }

    static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : 0;
    }

    static long lng(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }

    static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    static boolean bool(Object o) {
        return o instanceof Boolean b && b;
    }

    static Object read(Path file) throws IOException {
        return XenopsJson.parse(Files.readAllBytes(file));
    }

    /** Writes through a temporary file and a rename, so a reader never sees half a file. */
    static void write(Path file, Object value) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, XenopsJson.write(value));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
