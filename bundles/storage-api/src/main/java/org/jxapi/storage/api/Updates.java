package org.jxapi.storage.api;

import java.util.List;

/** One answer of UPDATES.get: what changed since the token passed, and the token to pass next. */
public record Updates(List<DynamicId> ids, String next) {

    public Updates {
        ids = List.copyOf(ids);
    }
}
