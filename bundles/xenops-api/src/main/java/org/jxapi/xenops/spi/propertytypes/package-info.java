/** Component property types that select xenops providers by service property. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.jxapi.xenops.spi.propertytypes;
