package org.jxapi.api.impl.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.jxapi.api.impl.dispatch.Outcome;
import org.jxapi.xenapi.model.XenApiType;
import org.jxapi.xenapi.wire.JsonWire;
import org.jxapi.xenapi.wire.XmlRpcMessages;

/**
 * Encodings of results that are handed, as the same object, to many callers at once: when a
 * change wakes a hundred event.from watchers with one subscription and token, the event service
 * gives them one batch, and this encodes it once per format instead of a hundred times. A few
 * recent results are remembered by identity; anything else is encoded as usual.
 */
final class SharedResults {
    private static final int SLOTS = 8;

    private record Entry(Object value, String json, byte[] xml) {
    }

    private final Entry[] ring = new Entry[SLOTS];
    private int next;

    static boolean shareable(Outcome.Success s) {
        return s.type() == XenApiType.Special.EVENT_BATCH && s.value() != null;
    }

    String json(Outcome.Success s) throws IOException {
        Entry e = find(s.value());
        if (e != null && e.json() != null) {
            return e.json();
        }
        String json = JsonWire.encodeValue(s.value(), s.type());
        remember(s.value(), json, e == null ? null : e.xml());
        return json;
    }

    byte[] xml(Outcome.Success s) {
        Entry e = find(s.value());
        if (e != null && e.xml() != null) {
            return e.xml();
        }
        byte[] xml = XmlRpcMessages.success(s.value(), s.type()).getBytes(StandardCharsets.UTF_8);
        remember(s.value(), e == null ? null : e.json(), xml);
        return xml;
    }

    private synchronized Entry find(Object value) {
        for (Entry e : ring) {
            if (e != null && e.value() == value) {
                return e;
            }
        }
        return null;
    }

    private synchronized void remember(Object value, String json, byte[] xml) {
        for (int i = 0; i < SLOTS; i++) {
            if (ring[i] != null && ring[i].value() == value) {
                ring[i] = new Entry(value, json != null ? json : ring[i].json(), xml != null ? xml : ring[i].xml());
                return;
            }
        }
        ring[next] = new Entry(value, json, xml);
        next = (next + 1) % SLOTS;
    }
}
