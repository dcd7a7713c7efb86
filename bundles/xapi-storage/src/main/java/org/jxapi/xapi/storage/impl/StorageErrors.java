package org.jxapi.xapi.storage.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.jxapi.db.Database;
import org.jxapi.db.Reader;
import org.jxapi.db.Row;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiException;

/**
 * The storage service names SRs by UUID and VDIs by location; the XenAPI names both by
 * reference. As the original's transform_storage_exn does, errors coming back from storage have
 * those parameters turned into references before they reach a client.
 */
final class StorageErrors {
    private StorageErrors() {
    }

    /** Runs a storage call, translating the parameters of any error it raises. */
    static <T> T call(Database db, Ref<?> sr, Supplier<T> f) {
        try {
            return f.get();
        } catch (XenApiException e) {
            throw translate(db.snapshot(), sr, e);
        }
    }

    static void run(Database db, Ref<?> sr, Runnable r) {
        call(db, sr, () -> {
            r.run();
            return null;
        });
    }

    /** {@code sr} is the SR the call was about (null if none): VDI locations are looked up in it. */
    static XenApiException translate(Reader r, Ref<?> sr, XenApiException e) {
        List<String> params = e.params();
        List<String> out = new ArrayList<>(params.size());
        boolean changed = false;
        for (String p : params) {
            String t = translateOne(r, sr, p);
            changed |= !t.equals(p);
            out.add(t);
        }
        if (!changed) {
            return e;
        }
        return new XenApiException(e.code(), out, e);
    }

    private static String translateOne(Reader r, Ref<?> sr, String p) {
        if (p == null || p.isEmpty() || p.startsWith("OpaqueRef:")) {
            return p;
        }
        Row s = Lookups.srByUuid(r, p);
        if (s != null) {
            return s.ref().handle();
        }
        if (sr != null) {
            Row v = Lookups.vdiAt(r, sr, p);
            if (v != null) {
                return v.ref().handle();
            }
        }
        return p;
    }
}
