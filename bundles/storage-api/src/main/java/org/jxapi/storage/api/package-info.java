/**
 * The storage interface of the toolstack (the original's SMAPIv2): SRs, VDIs, datapaths,
 * data copies, storage tasks and the update feed, as one {@link org.jxapi.storage.api.Storage}
 * service. SRs are named by their UUID and VDIs by their location inside the SR; failures are
 * {@link org.jxapi.xenapi.model.XenApiException}s carrying XenAPI error codes.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.jxapi.storage.api;
