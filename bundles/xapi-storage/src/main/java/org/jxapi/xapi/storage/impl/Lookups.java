package org.jxapi.xapi.storage.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jxapi.api.Call;
import org.jxapi.api.CallContexts;
import org.jxapi.db.Reader;
import org.jxapi.db.Row;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.types.Pbd;
import org.jxapi.xenapi.model.types.Pool;
import org.jxapi.xenapi.model.types.Sr;
import org.jxapi.xenapi.model.types.Vbd;
import org.jxapi.xenapi.model.types.Vdi;

/** Finding storage objects in the database: this host, an SR's PBD, a VDI by its location. */
final class Lookups {
    private Lookups() {
    }

    /** This host: the pool's master (jxapi runs one host per pool). */
    static Ref<?> thisHost(Reader r) {
        for (Row pool : r.table(Pool.CLASS)) {
            return (Ref<?>) pool.get(Pool.Fields.MASTER);
        }
        throw ErrorCodes.INTERNAL_ERROR.error("no pool object: the host has not been set up yet");
    }

    /** The PBD connecting this host to {@code sr}, or null. */
    static Row pbdOf(Reader r, Ref<?> sr) {
        Ref<?> host = thisHost(r);
        for (Object p : (Set<?>) r.require(Sr.CLASS, sr).get(Sr.Fields.PBDS)) {
            Row pbd = r.row(Pbd.CLASS, (Ref<?>) p);
            if (pbd != null && host.equals(pbd.get(Pbd.Fields.HOST))) {
                return pbd;
            }
        }
        return null;
    }

    static boolean plugged(Reader r, Ref<?> sr) {
        Row pbd = pbdOf(r, sr);
        return pbd != null && Boolean.TRUE.equals(pbd.get(Pbd.Fields.CURRENTLY_ATTACHED));
    }

    /**
     * The original's assert_pbd_is_plugged: {@code SR_NO_PBDS [sr]} unless this host's PBD is
     * plugged. The model's error list lacks that code; clients know it from the original.
     */
    static void requirePlugged(Reader r, Ref<?> sr) {
        if (!plugged(r, sr)) {
            throw noPbds(sr);
        }
    }

    static XenApiException noPbds(Ref<?> sr) {
        return new XenApiException("SR_NO_PBDS", sr.handle());
    }

    static Row srByUuid(Reader r, String uuid) {
        return r.table(Sr.CLASS).byUuid(uuid);
    }

    /** The VDI of {@code sr} at {@code location}, or null. */
    static Row vdiAt(Reader r, Ref<?> sr, String location) {
        Row s = r.row(Sr.CLASS, sr);
        if (s == null) {
            return null;
        }
        for (Object v : (Set<?>) s.get(Sr.Fields.VDIS)) {
            Row vdi = r.row(Vdi.CLASS, (Ref<?>) v);
            if (vdi != null && location.equals(vdi.get(Vdi.Fields.LOCATION))) {
                return vdi;
            }
        }
        return null;
    }

    /** VBDs of the VDI that hold it now (currently_attached). */
    static List<Row> activeVbds(Reader r, Row vdi) {
        List<Row> out = new ArrayList<>();
        for (Object v : (Set<?>) vdi.get(Vdi.Fields.VBDS)) {
            Row vbd = r.row(Vbd.CLASS, (Ref<?>) v);
            if (vbd != null && Boolean.TRUE.equals(vbd.get(Vbd.Fields.CURRENTLY_ATTACHED))) {
                out.add(vbd);
            }
        }
        return out;
    }

    /** The text storage logs name the caller by: the XenAPI message and its task, if any. */
    static String dbg(CallContexts contexts) {
        Call c = contexts == null ? null : contexts.current();
        if (c == null) {
            return "xapi";
        }
        return c.task().isNull() ? c.message() : c.message() + " " + c.task().handle();
    }
}
