package org.jxapi.xenops.server.impl;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jxapi.common.rpc.CallSpec;
import org.jxapi.common.rpc.CallTable;
import org.jxapi.common.rpc.RpcCall;
import org.jxapi.common.rpc.RpcCodec;
import org.jxapi.common.rpc.RpcError;
import org.jxapi.common.rpc.RpcErrors;
import org.jxapi.xenops.api.Xenops;
import org.jxapi.xenops.api.XenopsCall;
import org.jxapi.xenops.api.XenopsError;
import org.jxapi.xenops.api.XenopsErrorCode;
import org.jxapi.xenops.api.XenopsException;
import org.jxapi.xenops.json.XenopsJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The xenops calls as {@link XenopsCall} declares them on {@link Xenops}, bound to the common RPC
 * transport (org.jxapi.common.rpc): the one table both the client ({@link XenopsClient}) and the
 * server ({@link XenopsRpcDispatcher}) are derived from, the xenops JSON mapping as its codec, and
 * xenops errors as its errors.
 */
final class XenopsCalls {
    private static final Logger LOG = LoggerFactory.getLogger(XenopsCalls.class);

    /** XenopsJson, the original's wire shapes. */
    static final RpcCodec CODEC = new RpcCodec() {
        @Override
        public Object parse(byte[] json) {
            return XenopsJson.parse(json);
        }

        @Override
        public byte[] write(Object value) {
            return XenopsJson.write(value);
        }

        @Override
        public Object toPlain(String name, Object value) {
            return name == null ? XenopsJson.toPlain(value) : XenopsJson.toPlain(name, value);
        }

        @Override
        public Object fromPlain(Object plain, Type type) {
            return XenopsJson.fromPlain(plain, type);
        }

        /** One pass: UPDATES.get's and the lists' replies are read straight into the API's records. */
        @Override
        public Reply readReply(byte[] json, Type resultType) {
            Object[] r = XenopsJson.readReply(json, resultType);
            return new Reply(r[0], true, r[1]);
        }
    };

    /** Xenops errors both ways: the error's wire name is the 2.0 message, the error itself its data. */
    static final RpcErrors ERRORS = new RpcErrors() {
        @Override
        public RpcError refused(int code, String detail) {
            XenopsErrorCode c = code == RpcError.METHOD_NOT_FOUND ? XenopsErrorCode.UNIMPLEMENTED
                    : XenopsErrorCode.INTERNAL_ERROR;
            return error(code, XenopsError.of(c, detail));
        }

        @Override
        public RpcError failed(RuntimeException e) {
            if (!(e instanceof XenopsException)) {
                LOG.warn("xenops RPC failed unexpectedly", e);
            }
            return error(RpcError.SERVER_ERROR, XenopsException.wrap(e).error());
        }

        @Override
        public RuntimeException exception(RpcError error) {
            if (error.data() != null) {
                return new XenopsException(XenopsJson.fromPlain(error.data(), XenopsError.class));
            }
            return new XenopsException(XenopsError.of(XenopsErrorCode.INTERNAL_ERROR, String.valueOf(error.message())));
        }

        @Override
        public RuntimeException interrupted(String method) {
            return new XenopsException(XenopsError.of(XenopsErrorCode.CANCELLED, method));
        }

        private RpcError error(int code, XenopsError e) {
            return new RpcError(code, e.code().wireName(), e);
        }
    };

    static final CallTable TABLE = CallTable.of(Xenops.class, XenopsCalls::spec, CODEC);

    private XenopsCalls() {
    }

    /** A method's {@link XenopsCall}: {@code debug_info} first, then the declared parameters. */
    private static CallSpec spec(Method m) {
        XenopsCall c = m.getAnnotation(XenopsCall.class);
        if (c == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        names.add("debug_info");
        names.addAll(List.of(c.params()));
        // The original's task calls are "Task.*"; accept the upper-case group spelling too.
        Set<String> aliases = c.value().startsWith("Task.") ? Set.of("TASK." + c.value().substring(5)) : Set.of();
        return new CallSpec(c.value(), names, Set.of(c.options()), Set.of(c.pairs()), aliases);
    }

    static RpcCall byName(String name) {
        return TABLE.byName(name);
    }

    static RpcCall byMethod(Method m) {
        return TABLE.byMethod(m);
    }
}
