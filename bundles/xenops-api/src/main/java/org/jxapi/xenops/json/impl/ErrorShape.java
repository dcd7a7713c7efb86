package org.jxapi.xenops.json.impl;

import java.util.ArrayList;
import java.util.List;

import org.jxapi.xenops.api.XenopsError;
import org.jxapi.xenops.api.XenopsErrorCode;

/**
 * A xenops error as the original's exception variant: {@code "Code"}, {@code ["Code", p]} or
 * {@code ["Code", [p1, p2, ...]]}, each parameter typed by the code's {@link XenopsErrorCode#shape()}.
 * The API keeps parameters as strings, so contents are read as plain values and flattened.
 */
final class ErrorShape {
    static final Variant<XenopsError> VARIANT = Variant.of(XenopsError.class, "error")
            .otherwise(Object.class, ErrorShape::read)
            .writes(ErrorShape::write);

    private ErrorShape() {
    }

    private static Variant.Tagged write(XenopsError e) {
        String shape = e.code().shape();
        List<String> ps = e.params();
        if (shape.isEmpty()) {
            return Variant.Tagged.bare(e.code().wireName());
        }
        List<Object> typed = new ArrayList<>();
        for (int i = 0; i < shape.length(); i++) {
            char c = shape.charAt(i);
            if (c == 'S') {
                typed.add(new ArrayList<Object>(ps.subList(Math.min(i, ps.size()), ps.size())));
                break;
            }
            typed.add(typedParam(c, i < ps.size() ? ps.get(i) : ""));
        }
        return Variant.Tagged.of(e.code().wireName(), typed.size() == 1 ? typed.get(0) : typed);
    }

    private static Object typedParam(char c, String p) {
        try {
            return switch (c) {
                case 'i', 'l' -> Long.parseLong(p);
                case 'f' -> Double.parseDouble(p);
                default -> p;
            };
        } catch (NumberFormatException ex) {
            return p;
        }
    }

    private static XenopsError read(String tag, Object contents) {
        XenopsErrorCode code = XenopsErrorCode.ofWireName(tag);
        List<String> ps = new ArrayList<>();
        if (code == XenopsErrorCode.UNKNOWN_ERROR && !tag.equals("Unknown_error")) {
            ps.add(tag);
        }
        flatten(contents, ps, code.shape().length() != 1 || code.shape().equals("S"));
        return new XenopsError(code, ps);
    }

    private static void flatten(Object c, List<String> out, boolean tuple) {
        if (c == null) {
            return;
        }
        if (c instanceof List<?> l && tuple) {
            for (Object o : l) {
                flatten(o, out, true);
            }
        } else if (c instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            out.add(Double.toString(d));
        } else {
            out.add(String.valueOf(c));
        }
    }
}
