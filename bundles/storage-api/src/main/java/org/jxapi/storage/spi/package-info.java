/**
 * The SR driver SPI: what a storage driver bundle implements ({@link org.jxapi.storage.spi.SrDriver})
 * and registers with the service property {@code sr.type} (see
 * {@link org.jxapi.storage.spi.propertytypes.SrType}). The storage multiplexer owns datapaths,
 * locking, tasks and the mapping of driver failures ({@link org.jxapi.storage.spi.SmError}) to
 * XenAPI errors; a driver only does what its storage does.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.jxapi.storage.spi;
