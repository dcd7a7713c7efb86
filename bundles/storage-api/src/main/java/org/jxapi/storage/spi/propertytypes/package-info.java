/** Component property types that SR driver components carry. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.jxapi.storage.spi.propertytypes;
