package org.jxapi.xenapi.model;

import java.util.List;
import java.util.Map;

import org.jxapi.xenapi.model.types.Event;

/** The result of {@code event.from}: the events, the row count of each class, the next token. */
public record EventBatch(List<Event> events, Map<String, Long> validRefCounts, String token) {
    public EventBatch {
        events = List.copyOf(events);
        validRefCounts = Map.copyOf(validRefCounts);
    }
}
