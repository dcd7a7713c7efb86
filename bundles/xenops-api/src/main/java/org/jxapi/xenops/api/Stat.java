package org.jxapi.xenops.api;

/** What a {@code stat} call returns: an object's configuration and its current state. */
public record Stat<C, S>(C config, S state) {
}
