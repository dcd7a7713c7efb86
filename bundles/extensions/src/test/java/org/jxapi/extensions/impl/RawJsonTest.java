package org.jxapi.extensions.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.types.VmPowerState;

/** host.call_extension's JSON text for a non-string answer: raw values as the XenAPI spells them. */
class RawJsonTest {
    @Test
    void rawValuesKeepTheirJsonShapes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", 42L);
        m.put("f", 1.5);
        m.put("ok", true);
        m.put("list", List.of("a", 2L));
        m.put("nested", Map.of("k", "v"));
        assertEquals("{\"n\":42,\"f\":1.5,\"ok\":true,\"list\":[\"a\",2],\"nested\":{\"k\":\"v\"}}", RawJson.of(m));
    }

    @Test
    void modelValuesAreWrittenAsOnTheWireAndNullAsTheEmptyString() {
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put(VmPowerState.RUNNING, Ref.of("OpaqueRef:abc"));
        m.put("when", Instant.parse("2024-01-31T23:59:59Z"));
        m.put("none", null);
        assertEquals("{\"Running\":\"OpaqueRef:abc\",\"when\":\"20240131T23:59:59Z\",\"none\":\"\"}", RawJson.of(m));
        assertEquals("[\"\",\"Halted\"]", RawJson.of(Arrays.asList(null, VmPowerState.HALTED)));
    }
}
