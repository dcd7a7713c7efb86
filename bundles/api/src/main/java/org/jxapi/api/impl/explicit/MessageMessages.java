package org.jxapi.api.impl.explicit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.jxapi.api.impl.dispatch.WhereExpression;
import org.jxapi.db.Database;
import org.jxapi.db.Row;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.Values;
import org.jxapi.xenapi.model.api.MessageApi;
import org.jxapi.xenapi.model.types.Cls;
import org.jxapi.xenapi.model.types.Message;
import org.jxapi.xenapi.model.types.Session;

/**
 * Messages (alerts). The original keeps them apart from its database, so all their messages are
 * explicit; here they are ordinary rows, which also gives them events and durability.
 */
public final class MessageMessages implements MessageApi {
    private final Database db;

    public MessageMessages(Database db) {
        this.db = db;
    }

    @Override
    public Ref<Message> create(Ref<Session> sessionId, String name, long priority, Cls cls, String objUuid, String body) {
        return db.write(tx -> tx.create("message", Map.of("name", name, "priority", priority, "cls", cls,
                "obj_uuid", objUuid, "timestamp", Instant.now(), "body", body)));
    }

    @Override
    public void destroy(Ref<Session> sessionId, Ref<Message> self) {
        db.write(tx -> {
            tx.destroy("message", self);
            return null;
        });
    }

    @Override
    public void destroyMany(Ref<Session> sessionId, Set<Ref<Message>> messages) {
        db.write(tx -> {
            for (Ref<Message> m : messages) {
                if (tx.row("message", m) != null) {
                    tx.destroy("message", m);
                }
            }
            return null;
        });
    }

    @Override
    public Map<Ref<Message>, Message> getAllRecords(Ref<Session> sessionId) {
        return select(r -> true);
    }

    @Override
    public Map<Ref<Message>, Message> getAllRecordsWhere(Ref<Session> sessionId, String expr) {
        return select(WhereExpression.parse(expr, Message.META));
    }

    @Override
    public Set<Ref<Message>> getAll(Ref<Session> sessionId) {
        return Values.copySet(select(r -> true).keySet());
    }

    @Override
    public Message getRecord(Ref<Session> sessionId, Ref<Message> self) {
        return db.snapshot().require("message", self).toRecord(Message.class);
    }

    @Override
    public Ref<Message> getByUuid(Ref<Session> sessionId, String uuid) {
        Row r = db.snapshot().table("message").byUuid(uuid);
        if (r == null) {
            throw ErrorCodes.UUID_INVALID.error("message", uuid);
        }
        return r.ref().cast();
    }

    @Override
    public Map<Ref<Message>, Message> getSince(Ref<Session> sessionId, Instant since) {
        return select(r -> ((Instant) r.get("timestamp")).isAfter(since));
    }

    @Override
    public Map<Ref<Message>, Message> get(Ref<Session> sessionId, Cls cls, String objUuid, Instant since) {
        return select(r -> r.get("cls") == cls && objUuid.equals(r.get("obj_uuid"))
                && ((Instant) r.get("timestamp")).isAfter(since));
    }

    private Map<Ref<Message>, Message> select(Predicate<Row> filter) {
        Map<Ref<Message>, Message> out = new LinkedHashMap<>();
        for (Row r : db.snapshot().table("message")) {
            if (filter.test(r)) {
                out.put(r.ref().cast(), r.toRecord(Message.class));
            }
        }
        return out;
    }
}
