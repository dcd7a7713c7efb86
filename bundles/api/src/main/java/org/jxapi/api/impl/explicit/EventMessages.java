package org.jxapi.api.impl.explicit;

import java.util.Set;

import org.jxapi.api.impl.event.EventService;
import org.jxapi.xenapi.model.EventBatch;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.api.EventApi;
import org.jxapi.xenapi.model.types.Event;
import org.jxapi.xenapi.model.types.Session;

/**
 * The explicit messages of {@code event}. The dispatcher serves synchronous {@code from} and
 * {@code next} as non-blocking long polls; the blocking forms here serve their {@code Async.} twins.
 */
public final class EventMessages implements EventApi {
    private final EventService events;

    public EventMessages(EventService events) {
        this.events = events;
    }

    @Override
    public String inject(Ref<Session> sessionId, String class_, String ref) {
        return events.inject(class_, ref);
    }

    @Override
    public long getCurrentId(Ref<Session> sessionId) {
        return events.currentId();
    }

    @Override
    public EventBatch from(Ref<Session> sessionId, Set<String> classes, String token, double timeout) {
        return events.from(classes, token, timeout).join();
    }

    @Override
    public Set<Event> next(Ref<Session> sessionId) {
        return events.next(sessionId).join();
    }

    @Override
    public void register(Ref<Session> sessionId, Set<String> classes) {
        events.register(sessionId, classes);
    }

    @Override
    public void unregister(Ref<Session> sessionId, Set<String> classes) {
        events.unregister(sessionId, classes);
    }
}
