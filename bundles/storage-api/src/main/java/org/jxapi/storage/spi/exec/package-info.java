/**
 * Running the external programs storage drivers rely on (qemu-img, SM plugin executables) with
 * time limits, captured standard error and cancellation by thread interruption.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.jxapi.storage.spi.exec;
