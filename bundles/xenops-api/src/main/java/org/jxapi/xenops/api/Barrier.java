package org.jxapi.xenops.api;

import java.util.List;

/** A barrier: the token a client injected and the ids of that VM's objects changed before it. */
public record Barrier(int id, List<DynamicId> ids) {
    public Barrier {
        ids = Copies.list(ids);
    }
}
