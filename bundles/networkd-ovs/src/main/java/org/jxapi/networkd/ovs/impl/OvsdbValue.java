package org.jxapi.networkd.ovs.impl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * One cell of an OVSDB table as {@code ovs-vsctl --format=json} prints it (RFC 7047 notation): an
 * atom (string, number, boolean), {@code ["uuid", id]}, {@code ["set", [atoms]]} or
 * {@code ["map", [[key, value], ...]]}. A set of one element is printed as the bare atom and an empty
 * optional column as an empty set, so {@link #set()} and {@link #scalar()} accept every shape.
 */
@JsonDeserialize(using = OvsdbValueDeserializer.class)
record OvsdbValue(List<String> atoms, Map<String, String> map) {
    static final OvsdbValue EMPTY = new OvsdbValue(List.of(), Map.of());

    OvsdbValue {
        atoms = List.copyOf(atoms);
        map = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** The single value, or null for an empty set (an unset optional column). */
    String scalar() {
        return atoms.isEmpty() ? null : atoms.get(0);
    }

    List<String> set() {
        return atoms;
    }

    boolean isTrue() {
        return "true".equals(scalar());
    }
}
