/**
 * What the VM side of xapi asks of storage: VDIs made, cloned, snapshotted and destroyed with
 * their XenAPI objects kept in step, and VDIs attached for a VM's block devices.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.jxapi.xapi.storage.api;
