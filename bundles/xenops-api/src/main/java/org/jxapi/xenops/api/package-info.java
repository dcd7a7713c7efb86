/**
 * The xenops interface: the configuration and state records of VMs and their devices, tasks,
 * update ids and errors, and {@link org.jxapi.xenops.api.Xenops}, the service each xenops
 * instance provides. Names follow the original xenops interface; records use Java names and the
 * wire codec in {@code org.jxapi.xenops.json} maps them to the original's JSON field names.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.jxapi.xenops.api;
