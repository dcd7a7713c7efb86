package org.jxapi.xenapi.model;

/** A generated XenAPI enum constant, which knows the exact string clients send and expect. */
public interface WireEnum {
    String wireName();
}
