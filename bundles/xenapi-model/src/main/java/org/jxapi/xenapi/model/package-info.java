/** Hand-written core of the model: references, types, metadata, the exception. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.jxapi.xenapi.model;
