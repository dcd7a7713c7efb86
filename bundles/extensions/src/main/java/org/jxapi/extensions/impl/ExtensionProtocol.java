package org.jxapi.extensions.impl;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.XenApiType;
import org.jxapi.xenapi.wire.RawCall;
import org.jxapi.xenapi.wire.WireFormatException;
import org.jxapi.xenapi.wire.XmlRpcMessages;
import org.jxapi.xenapi.wire.XmlRpcParser;

/**
 * The original's conventions for extension and plugin executables. An extension gets
 * {@code --xmlrpc} and the XML-RPC call on stdin and prints an XML-RPC response; a plugin gets the
 * call {@code fn(session, args)} as its one argument and prints a response whose value is a string.
 * What goes wrong is reported with the original's codes and parameters.
 */
final class ExtensionProtocol {
    private ExtensionProtocol() {
    }

    /** What an extension answered: a raw value, or the contents of a failure. */
    sealed interface Answer {
        record Value(Object raw) implements Answer { }

        record Failure(Object contents) implements Answer { }
    }

    static Answer callExtension(Executables dir, Path program, RawCall call, java.util.function.BooleanSupplier cancelled) {
        String request = XmlRpcMessages.call(call.method(), call.params(),
                Collections.nCopies(call.params().size(), XenApiType.Special.UNTYPED));
        Executables.Run run = dir.run(List.of(program.toString(), "--xmlrpc"), request, cancelled);
        if (run.cancelled()) {
            throw ErrorCodes.INTERNAL_ERROR.error(program.toString(), "task stopped", run.stdout(), run.stderr());
        }
        if (run.timedOut()) {
            throw ErrorCodes.INTERNAL_ERROR.error(program.toString(), "timed out", run.stdout(), run.stderr());
        }
        if (run.exitCode() != 0) {
            throw ErrorCodes.INTERNAL_ERROR.error(program.toString(), "non-zero exit", run.stdout(), run.stderr());
        }
        XmlRpcParser.Response r;
        try {
            r = XmlRpcParser.parseMethodResponse(new ByteArrayInputStream(run.stdout().getBytes(StandardCharsets.UTF_8)));
        } catch (WireFormatException e) {
            throw ErrorCodes.INTERNAL_ERROR.error(program.toString(), "failed to parse extension output", run.stdout(),
                    e.getMessage());
        }
        if (r.fault()) {
            return new Answer.Failure(r.value());
        }
        return envelope(r.value());
    }

    /** A XenAPI envelope ({@code Status}, {@code Value} or {@code ErrorDescription}) opened; any other value as is. */
    private static Answer envelope(Object v) {
        if (v instanceof Map<?, ?> m && m.get("Status") instanceof String status) {
            if (status.equals("Success") && m.containsKey("Value")) {
                return new Answer.Value(m.get("Value"));
            }
            if (status.equals("Failure") && m.containsKey("ErrorDescription")) {
                return new Answer.Failure(m.get("ErrorDescription"));
            }
        }
        return new Answer.Value(v);
    }

    /**
     * A failure's contents as a XenAPI error: a list of strings is code and parameters, a string a
     * bare code; anything else is {@code EXTENSION_PROTOCOL_FAILURE} with the contents as text.
     */
    static XenApiException failure(Object contents) {
        if (contents instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(o -> o instanceof String)) {
            List<String> s = new ArrayList<>();
            l.forEach(o -> s.add((String) o));
            return new XenApiException(s.get(0), s.subList(1, s.size()).toArray(String[]::new));
        }
        if (contents instanceof String code) {
            return new XenApiException(code);
        }
        return ErrorCodes.EXTENSION_PROTOCOL_FAILURE.error(String.valueOf(contents));
    }

    static String callPlugin(Executables dir, Path program, String fn, String session, Map<String, String> args,
                             java.util.function.BooleanSupplier cancelled) {
        String request = XmlRpcMessages.call(fn, List.of(session, args),
                List.of(XenApiType.Primitive.STRING, XenApiType.map(XenApiType.Primitive.STRING, XenApiType.Primitive.STRING)));
        Executables.Run run = dir.run(List.of(program.toString(), request), null, cancelled);
        if (run.cancelled()) {
            throw ErrorCodes.XENAPI_PLUGIN_FAILURE.error("task stopped", run.stdout(), run.stderr());
        }
        if (run.timedOut()) {
            throw ErrorCodes.XENAPI_PLUGIN_FAILURE.error("timed out", run.stdout(), run.stderr());
        }
        if (run.exitCode() != 0) {
            throw ErrorCodes.XENAPI_PLUGIN_FAILURE.error("non-zero exit", run.stdout(), run.stderr());
        }
        XmlRpcParser.Response r;
        try {
            r = XmlRpcParser.parseMethodResponse(new ByteArrayInputStream(run.stdout().getBytes(StandardCharsets.UTF_8)));
        } catch (WireFormatException e) {
            throw ErrorCodes.XENAPI_PLUGIN_FAILURE.error("failed to parse plugin output", run.stdout(), e.getMessage());
        }
        if (r.fault()) {
            Map<?, ?> f = r.value() instanceof Map<?, ?> m ? m : Map.of();
            throw ErrorCodes.XENAPI_PLUGIN_FAILURE.error("fault", String.valueOf(f.get("faultCode")),
                    String.valueOf(f.get("faultString")));
        }
        Answer a = envelope(r.value());
        if (a instanceof Answer.Failure failure) {
            throw failure(failure.contents());
        }
        Object v = ((Answer.Value) a).raw();
        if (v instanceof String s) {
            return s;
        }
        throw ErrorCodes.XENAPI_PLUGIN_FAILURE.error("unexpected XMLRPC result", run.stdout(), "");
    }
}
