package org.jxapi.xenops.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.jxapi.xenops.api.Barrier;
import org.jxapi.xenops.api.DeviceId;
import org.jxapi.xenops.api.DynamicId;
import org.jxapi.xenops.api.Stat;
import org.jxapi.xenops.api.Updates;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.VmState;
import org.jxapi.xenops.api.XenopsError;
import org.jxapi.xenops.api.XenopsErrorCode;

/**
 * The client's one-pass reading of a response ({@link XenopsJson#readReply}) gives what the two-pass
 * path (parse into plain values, then map them) gives, for records, generic lists and primitives, in
 * either member order and in JSON-RPC 1.0 and 2.0 envelopes; errors come back as plain values.
 */
class ReplyReadingTest {
    private static byte[] envelope(String members) {
        return ("{" + members + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Object value) {
        return new String(XenopsJson.write(XenopsJson.toPlain(value)), StandardCharsets.UTF_8);
    }

    /** What the two-pass path reads from the same bytes. */
    private static Object twoPass(byte[] json, Type type) {
        Object result = ((Map<?, ?>) XenopsJson.parse(json)).get("result");
        return XenopsJson.fromPlain(result, type);
    }

    @Test
    void aLargeUpdatesReplyReadsAsTheTwoPassPathReadsIt() {
        List<DynamicId> ids = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            ids.add(i % 2 == 0 ? DynamicId.task(Integer.toString(i))
                    : DynamicId.device(DynamicId.Kind.VIF, new DeviceId("vm" + i, "0")));
        }
        Updates u = new Updates(List.of(new Barrier(3, List.of(DynamicId.vm("a")))), ids, 4711);
        byte[] json = envelope("\"jsonrpc\":\"2.0\",\"result\":" + text(u) + ",\"id\":7");
        Object[] reply = XenopsJson.readReply(json, Updates.class);
        assertEquals(u, reply[0]);
        assertEquals(twoPass(json, Updates.class), reply[0]);
        assertNull(reply[1]);
    }

    @Test
    void genericListsAndPrimitivesRead() throws Exception {
        Vm vm = Vm.builder("v1").build();
        List<Stat<Vm, VmState>> list = List.of(new Stat<>(vm, VmState.halted()));
        Type listType = ReplyReadingTest.class.getDeclaredMethod("listOfStats").getGenericReturnType();
        byte[] json = envelope("\"id\":1,\"result\":" + text(list) + ",\"jsonrpc\":\"2.0\"");
        Object[] reply = XenopsJson.readReply(json, listType);
        assertEquals(list, reply[0]);
        assertEquals(twoPass(json, listType), reply[0]);

        assertEquals(42, XenopsJson.readReply(envelope("\"result\":42,\"id\":1"), int.class)[0]);
        assertEquals(9L, XenopsJson.readReply(envelope("\"result\":9,\"id\":1"), long.class)[0]);
        assertEquals(true, XenopsJson.readReply(envelope("\"result\":true,\"id\":1"), boolean.class)[0]);
        // A void call's result is not read at all.
        assertNull(XenopsJson.readReply(envelope("\"result\":{\"x\":[1,2]},\"id\":1"), null)[0]);
    }

    @SuppressWarnings("unused")
    private static List<Stat<Vm, VmState>> listOfStats() {
        return null;
    }

    @Test
    void errorsAreReadAsPlainValuesInEitherEnvelope() {
        Object error = XenopsJson.toPlain(XenopsError.of(XenopsErrorCode.DOES_NOT_EXIST, "VM", "x"));
        Map<String, Object> v2 = new LinkedHashMap<>();
        v2.put("code", -32000L);
        v2.put("message", "Does_not_exist");
        v2.put("data", error);
        Object[] two = XenopsJson.readReply(envelope("\"jsonrpc\":\"2.0\",\"error\":" + text(v2) + ",\"id\":3"),
                String.class);
        assertArrayEquals(new Object[] {null, v2}, two);
        // 1.0: a null result before the error, the error itself the data.
        Object[] one = XenopsJson.readReply(envelope("\"result\":null,\"error\":" + text(error) + ",\"id\":3"),
                Updates.class);
        assertArrayEquals(new Object[] {null, error}, one);
    }

    @Test
    void malformedRepliesFailAsIllegalArguments() {
        assertThrows(IllegalArgumentException.class, () -> XenopsJson.readReply(
                "[1]".getBytes(StandardCharsets.UTF_8), String.class));
        assertThrows(IllegalArgumentException.class, () -> XenopsJson.readReply(
                "{\"result\":\"a\"".getBytes(StandardCharsets.UTF_8), String.class));
        assertThrows(IllegalArgumentException.class, () -> XenopsJson.readReply(
                "{\"result\":\"a\"} x".getBytes(StandardCharsets.UTF_8), String.class));
        assertThrows(IllegalArgumentException.class, () -> XenopsJson.readReply(
                envelope("\"result\":[\"not\",\"updates\"]"), Updates.class));
    }
}
