/**
 * The xenops JSON-RPC interface: the codec between the API records and the original's JSON shapes
 * (records as objects with the original field names, variants as {@code "Tag"} or
 * {@code ["Tag", contents]}, options as {@code []}/{@code [x]} or an absent field), and a small
 * client that calls a xenops instance over its Unix socket.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.jxapi.xenops.rpc;
