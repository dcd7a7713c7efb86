/**
 * The network backend SPI: what a networkd backend (openvswitch, bridge, simulator) implements.
 * {@link org.jxapi.networkd.spi.NetworkBackend} is grouped by object: interfaces, bridges, guest
 * ports (VIFs) and SR-IOV, each with the skeleton's defaults (queries empty, changes
 * {@code Not_implemented}). The engine reads the system's state through the query methods, compares
 * it with what it was asked for, and calls a change method only for what differs; so a backend's
 * change methods are each one change, and the engine counts them.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.jxapi.networkd.spi;
