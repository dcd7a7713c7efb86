/** Component property types of the network backend SPI. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.jxapi.networkd.spi.propertytypes;
