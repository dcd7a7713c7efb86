package org.jxapi.xapi.storage.impl;

import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jxapi.api.spi.ObjectLifecycle;
import org.jxapi.db.Database;
import org.jxapi.db.Row;
import org.jxapi.db.Snapshot;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.types.Host;
import org.jxapi.xenapi.model.types.Pbd;
import org.jxapi.xenapi.model.types.Sr;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code PBD.create} refuses a second PBD between one SR and one host ({@code PBD_EXISTS}), and
 * {@code PBD.destroy} a plugged PBD, as the original's xapi_pbd does.
 */
@Component(service = ObjectLifecycle.class, property = ObjectLifecycle.CLASS + "=PBD")
public class PbdLifecycle implements ObjectLifecycle {
    private final Database db;

    @Activate
    public PbdLifecycle(@Reference(name = "database") Database db) {
        this.db = db;
    }

    @Override
    public Ref<?> create(Map<String, Object> fields, Function<Map<String, Object>, Ref<?>> generic) {
        Snapshot s = db.snapshot();
        Ref<?> sr = (Ref<?>) fields.getOrDefault(Pbd.Fields.SR.name(), Ref.nullRef());
        Ref<?> host = (Ref<?>) fields.getOrDefault(Pbd.Fields.HOST.name(), Ref.nullRef());
        Row srRow = s.require(Sr.CLASS, sr);
        s.require(Host.CLASS, host);
        for (Object p : (Set<?>) srRow.get(Sr.Fields.PBDS)) {
            Row pbd = s.row(Pbd.CLASS, (Ref<?>) p);
            if (pbd != null && host.equals(pbd.get(Pbd.Fields.HOST))) {
                throw ErrorCodes.PBD_EXISTS.error(sr.handle(), host.handle(), pbd.ref().handle());
            }
        }
        return generic.apply(fields);
    }

    @Override
    public void destroy(Ref<?> self, Consumer<Ref<?>> generic) {
        Row pbd = db.snapshot().require(Pbd.CLASS, self);
        if (Boolean.TRUE.equals(pbd.get(Pbd.Fields.CURRENTLY_ATTACHED))) {
            throw ErrorCodes.OPERATION_NOT_ALLOWED.error("PBD is currently attached");
        }
        generic.accept(self);
    }
}
