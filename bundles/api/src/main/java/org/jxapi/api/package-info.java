/**
 * What the XenAPI server offers other bundles: the call being served ({@link org.jxapi.api.CallContexts}),
 * local accounts, tasks for work that is not a XenAPI call (HTTP transfers), and in-process calls
 * ({@link org.jxapi.api.LocalXenApi}).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.jxapi.api;
