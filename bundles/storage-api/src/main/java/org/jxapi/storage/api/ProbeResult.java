package org.jxapi.storage.api;

import java.util.List;

/** What SR.probe found: structured answers, or the raw text legacy drivers return. */
public sealed interface ProbeResult {

    /** The text (XML, as a rule) a legacy SMAPIv1 driver returned. */
    record Raw(String text) implements ProbeResult {
    }

    /** Structured answers. */
    record Probes(List<Probe> probes) implements ProbeResult {
        public Probes {
            probes = List.copyOf(probes);
        }
    }
}
