/**
 * Hand-written core of the model: references, types, metadata, the exception, and the typed keys
 * ({@link org.jxapi.xenapi.model.ClassKey}, {@link org.jxapi.xenapi.model.Field}) the generated records
 * carry for database access. 1.1: the typed keys.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.jxapi.xenapi.model;
