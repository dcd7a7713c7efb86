package org.jxapi.sm.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxapi.storage.api.VdiInfo;

class SidecarFileTest {
    @TempDir
    Path tmp;

    private static VdiInfo vdi(String name) {
        return VdiInfo.builder().vdi("loc").uuid("u").nameLabel(name).virtualSize(42).isASnapshot(true)
                .snapshotTime(Instant.parse("2024-01-31T23:59:59Z")).smConfig(Map.of("k", "v")).persistent(false)
                .build();
    }

    @Test
    void aVdiRoundTripsUnderItsXenApiFieldNames() throws Exception {
        SidecarFile<VdiSidecar> f = SidecarFile.of(tmp.resolve("loc.json"), VdiSidecar.class, true);
        assertEquals(Optional.empty(), f.load());
        f.save(VdiSidecar.of(vdi("disk")));
        assertEquals(vdi("disk"), f.load().orElseThrow().toInfo("loc"));
        String text = Files.readString(f.path());
        for (String member : List.of("\"name_label\"", "\"virtual_size\"", "\"is_a_snapshot\"", "\"sm_config\"",
                "\"snapshot_time\" : \"2024-01-31T23:59:59Z\"")) {
            assertTrue(text.contains(member), member + " in " + text);
        }
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of("loc.json"), s.map(p -> p.getFileName().toString()).toList(), "no temporary left");
        }
    }

    @Test
    void anOldFileIsConvertedOnceAndRemoved() throws Exception {
        Path legacy = Files.writeString(tmp.resolve("loc.properties"), "name_label=old");
        SidecarFile<VdiSidecar> f = SidecarFile.of(tmp.resolve("loc.json"), VdiSidecar.class, false);
        int[] reads = {0};
        SidecarFile.LegacyReader<VdiSidecar> reader = p -> {
            reads[0]++;
            return VdiSidecar.of(vdi(Files.readString(p).substring("name_label=".length())));
        };
        assertEquals("old", f.migrating(legacy, reader).orElseThrow().toInfo("loc").nameLabel());
        assertFalse(Files.exists(legacy));
        assertEquals("old", f.migrating(legacy, reader).orElseThrow().toInfo("loc").nameLabel());
        assertEquals(1, reads[0]);
    }

    @Test
    void unknownMembersFromANewerWriterAreIgnored() throws Exception {
        Path p = Files.writeString(tmp.resolve("m.json"), "{\"a\": {\"name_label\": \"x\", \"future\": [1]}}");
        Map<String, VdiSidecar> m = SidecarFile.mapOf(p, VdiSidecar.class, false).load().orElseThrow();
        assertEquals("x", m.get("a").toInfo("a").nameLabel());
    }

    @Test
    void compactJsonIsOneLineWithJacksonEscapes() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("s", "a\"b\n\u0001");
        m.put("l", List.of(1, true));
        assertEquals("{\"s\":\"a\\\"b\\n\\u0001\",\"l\":[1,true]}", Json.compact(m));
        assertEquals(Map.of("x", List.of(1, "y")), Json.parse("{\"x\": [1, \"y\"]}"));
    }
}
