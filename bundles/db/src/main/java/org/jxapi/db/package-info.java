/**
 * The XenAPI database: one table per persistent class of the model, read through immutable
 * {@link org.jxapi.db.Snapshot}s and changed through {@link org.jxapi.db.WriteTransaction}s that are durable when
 * {@link org.jxapi.db.Database#write} returns. 1.1: typed access through the generated class and field
 * keys ({@code Vm.CLASS}, {@code Vm.Fields.POWER_STATE}) beside the by-name methods.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.jxapi.db;
