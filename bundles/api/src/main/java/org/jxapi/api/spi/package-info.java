/**
 * Plug-ins of the XenAPI server: HTTP endpoints served beside the RPC paths, behind its session
 * and RBAC checks, and fallbacks for calls the model does not declare (XenAPI extensions).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.jxapi.api.spi;
