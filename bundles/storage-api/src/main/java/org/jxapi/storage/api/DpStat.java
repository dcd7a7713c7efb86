package org.jxapi.storage.api;

import java.util.Map;

/** A VDI's state per datapath and the superstate the storage driver sees. */
public record DpStat(VdiState superstate, Map<String, VdiState> dps) {

    public DpStat {
        dps = Map.copyOf(dps);
    }
}
