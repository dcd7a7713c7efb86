package org.jxapi.common.rpc;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;

/** The tests' tiny API: its own annotation, its own error, a record parameter. */
interface Calc {
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface Call {
        String value();

        String[] params() default {};

        String[] options() default {};

        String[] pairs() default {};
    }

    record Point(long x, long y) {
    }

    final class CalcException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String code;

        CalcException(String code, String detail) {
            super(code + ": " + detail);
            this.code = code;
        }
    }

    @Call(value = "Calc.add", params = {"a", "b"})
    long add(long a, long b);

    @Call(value = "Calc.greet", params = {"name", "unit"})
    String greet(String name);

    @Call(value = "Calc.norm", params = {"p"})
    Point norm(Point p);

    @Call(value = "Calc.sum", params = {"m"}, pairs = {"m"})
    long sum(Map<String, Long> m);

    @Call(value = "Calc.maybe", params = {"x"}, options = {"x"})
    String maybe(String x);

    @Call(value = "Calc.fail", params = {"code"})
    void fail(String code);

    @Call("Calc.boom")
    void boom();

    @Call(value = "Calc.wait", params = {"id", "ms"})
    List<String> slow(String id, long ms);

    String notACall();
}
