package org.jxapi.sample.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.jxapi.xenapi.model.XenApiException;
import org.osgi.util.converter.Converters;

class HelloExtensionTest {
    private final HelloExtension hello = new HelloExtension(
            Converters.standardConverter().convert(Map.of("greeting", "Bonjour")).to(HelloConfig.class));

    @Test
    void greetsTheNameItIsGivenWithTheConfiguredWord() {
        assertEquals("Bonjour, Ada", hello.call(null, List.of("OpaqueRef:s", "Ada")));
        assertEquals("Bonjour, world", hello.call(null, List.of("OpaqueRef:s")));
    }

    @Test
    void badParametersGetXenApiErrors() {
        assertEquals(List.of("MESSAGE_PARAMETER_COUNT_MISMATCH", "sample.hello", "2", "3"),
                assertThrows(XenApiException.class, () -> hello.call(null, List.of("s", "a", "b"))).errorDescription());
        assertEquals(List.of("FIELD_TYPE_ERROR", "name"),
                assertThrows(XenApiException.class, () -> hello.call(null, List.of("s", 5L))).errorDescription());
    }
}
