package org.jxapi.xenops.api;

import java.util.List;

/**
 * What {@code UPDATES.get} returns: barriers newer than the token, the ids changed since the token
 * (each once, oldest change first) and the token to pass next time.
 */
public record Updates(List<Barrier> barriers, List<DynamicId> ids, int lastId) {
    public Updates {
        barriers = Copies.list(barriers);
        ids = Copies.list(ids);
    }
}
