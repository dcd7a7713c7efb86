/**
 * The xenops JSON mapping: the API records to and from the original xenopsd's wire shapes
 * (records as objects with the original field names, variants as {@code "Tag"} or
 * {@code ["Tag", contents]}, options as {@code []}/{@code [x]} or an absent field), for the JSON-RPC
 * interface and for the state files backends keep. Signatures carry JDK types only; the mapping
 * itself is a private Jackson module.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.jxapi.xenops.json;
