/**
 * XenAPI extensions and host plugins as services. A bundle registers a {@link
 * org.jxapi.extensions.XenApiExtension} to answer {@code host.call_extension} and calls of a name
 * the model does not declare, or a {@link org.jxapi.extensions.HostPlugin} to answer
 * {@code host.call_plugin}; both appear and disappear with the bundle, without a restart.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.jxapi.extensions;
