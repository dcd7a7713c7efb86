/**
 * The backend SPI: what a xenops backend (simulator, qemu, libvirt, xc) implements and what the
 * engine hands it. {@link org.jxapi.xenops.spi.XenopsBackend} is grouped by object as in the
 * original: HOST, VM, PCI, VBD, VIF, VGPU, VUSB, UPDATES and DEBUG, one interface each.
 *
 * <p>2.0.0: the flat {@code vmCreate}/{@code vbdPlug}/... methods became per-object parts
 * ({@code vm().create}, {@code vbd().attach}, ...), an incompatible change for implementers.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.0.0")
package org.jxapi.xenops.spi;
