/**
 * Lifecycle hooks as services: code that runs at the same hook points as the scripts under the
 * hook root ({@code vm-pre-start}, {@code vm-post-destroy}, ...), in one documented order with
 * them, and that may refuse an operation from a pre-hook.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.jxapi.xenops.hooks;
