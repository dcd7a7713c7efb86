package org.jxapi.storage.api;

/**
 * Names something that changed, for the update feed: the client then asks for its state
 * (TASK.stat, VDI.stat, DP.stat_vdi...). {@code sr} is empty for tasks and datapaths.
 */
public record DynamicId(Kind kind, String sr, String id) {

    /** What kind of thing changed. */
    public enum Kind {
        TASK,
        VDI,
        DP,
        SR
    }

    public DynamicId {
        sr = sr == null ? "" : sr;
    }
}
