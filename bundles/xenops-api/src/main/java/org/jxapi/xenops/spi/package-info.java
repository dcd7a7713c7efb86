/**
 * The backend SPI: what a xenops backend (simulator, qemu, libvirt, xc) implements and what the
 * engine hands it. One signature, grouped by object as in the original: HOST, VM, PCI, VBD, VIF,
 * VGPU, VUSB, UPDATES and DEBUG.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.jxapi.xenops.spi;
