package org.jxapi.api;

import org.osgi.annotation.versioning.ProviderType;

/** Tells implementations of explicit messages which call they are serving. */
@ProviderType
public interface CallContexts {

    /** The call served on this thread, or null outside of any XenAPI call. */
    Call current();
}
