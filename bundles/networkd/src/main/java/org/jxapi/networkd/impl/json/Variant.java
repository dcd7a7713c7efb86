package org.jxapi.networkd.impl.json;

import com.fasterxml.jackson.databind.JsonNode;

/** An OCaml variant as rpclib writes it: {@code ["Name"]}, {@code ["Name", arg]} or a bare {@code "Name"}. */
record Variant(String name, JsonNode arg) {
    static Variant of(JsonNode node) {
        if (node.isTextual()) {
            return new Variant(node.asText(), null);
        }
        if (node.isArray() && !node.isEmpty()) {
            return new Variant(node.get(0).asText(), node.size() > 1 ? node.get(1) : null);
        }
        return new Variant(String.valueOf(node), null);
    }
}
