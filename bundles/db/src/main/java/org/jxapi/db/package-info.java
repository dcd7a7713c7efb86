/**
 * The XenAPI database: one table per persistent class of the model, read through immutable
 * {@link org.jxapi.db.Snapshot}s and changed through {@link org.jxapi.db.WriteTransaction}s that are durable when
 * {@link org.jxapi.db.Database#write} returns.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.jxapi.db;
