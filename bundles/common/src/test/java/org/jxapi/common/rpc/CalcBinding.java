package org.jxapi.common.rpc;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;

/** How an API binds the transport, as a user would: its annotation, a codec, its errors. */
final class CalcBinding {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

    static final RpcCodec CODEC = new RpcCodec() {
        @Override
        public Object parse(byte[] json) {
            try {
                return MAPPER.readValue(json, Object.class);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }

        @Override
        public byte[] write(Object value) {
            try {
                return MAPPER.writeValueAsBytes(value);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }

        @Override
        public Object toPlain(String name, Object value) {
            return MAPPER.convertValue(value, Object.class);
        }

        @Override
        public Object fromPlain(Object plain, Type type) {
            JavaType t = MAPPER.constructType(type);
            return MAPPER.convertValue(plain, t);
        }
    };

    /** The API's error on the wire is {@code [code, detail]}. */
    static final RpcErrors ERRORS = new RpcErrors() {
        @Override
        public RpcError refused(int code, String detail) {
            return new RpcError(code, "REFUSED", List.of("REFUSED", detail));
        }

        @Override
        public RpcError failed(RuntimeException e) {
            if (e instanceof Calc.CalcException c) {
                return new RpcError(RpcError.SERVER_ERROR, c.code, List.of(c.code, "from the server"));
            }
            return new RpcError(RpcError.SERVER_ERROR, "INTERNAL", List.of("INTERNAL", String.valueOf(e)));
        }

        @Override
        public RuntimeException exception(RpcError error) {
            if (error.data() instanceof List<?> l && l.size() == 2) {
                return new Calc.CalcException(String.valueOf(l.get(0)), String.valueOf(l.get(1)));
            }
            return new Calc.CalcException("INTERNAL", String.valueOf(error.message()));
        }

        @Override
        public RuntimeException interrupted(String method) {
            return new Calc.CalcException("CANCELLED", method);
        }
    };

    static final CallTable TABLE = CallTable.of(Calc.class, m -> {
        Calc.Call c = m.getAnnotation(Calc.Call.class);
        return c == null ? null
                : new CallSpec(c.value(), List.of(c.params()), Set.of(c.options()), Set.of(c.pairs()),
                        c.value().startsWith("Calc.") ? Set.of("CALC." + c.value().substring(5)) : Set.of());
    }, CODEC);

    /** A client interface as an API declares one: the API and close(). */
    interface CalcClient extends Calc, AutoCloseable {
        @Override
        void close();
    }

    private CalcBinding() {
    }
}
