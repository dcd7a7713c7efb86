package org.jxapi.xenapi.model;

/** A parameter of a message, in wire order. */
public record ParamMeta(String name, String javaName, XenApiType type) { }
