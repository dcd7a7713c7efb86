package org.jxapi.db;

import org.jxapi.xenapi.model.Ref;

/**
 * One changed object. {@code row} is its current state, or null when it was deleted; then
 * {@code uuid} is the uuid it had. {@code generation} is when it last changed.
 */
public record Change(String className, Ref<?> ref, Kind kind, Row row, String uuid, long generation) {
    public enum Kind { ADD, MOD, DEL }
}
