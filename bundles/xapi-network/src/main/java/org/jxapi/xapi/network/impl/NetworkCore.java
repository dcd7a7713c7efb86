package org.jxapi.xapi.network.impl;

import java.util.ArrayList;
import java.util.List;

import org.jxapi.api.CallContexts;
import org.jxapi.db.Database;
import org.jxapi.db.Reader;
import org.jxapi.db.Row;
import org.jxapi.networkd.api.Networkd;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.types.Host;
import org.jxapi.xenapi.model.types.Pif;
import org.jxapi.xenapi.model.types.Pool;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * What every network message shares: the database, the networkd instance (the
 * {@code networkd.target} of the configuration) and this host. Only this host's PIFs are driven:
 * a pool of one host, as the rest of jxapi.
 */
@Component(service = NetworkCore.class, configurationPid = "org.jxapi.xapi.network")
@Designate(ocd = XapiNetworkConfig.class)
public class NetworkCore {
    final Database db;
    final Networkd networkd;
    final XapiNetworkConfig config;
    private final CallContexts calls;

    @Activate
    public NetworkCore(@Reference(name = "database") Database db,
            @Reference(name = "networkd", target = "(networkd.instance=default)") Networkd networkd,
            @Reference(name = "calls") CallContexts calls, XapiNetworkConfig config) {
        this.db = db;
        this.networkd = networkd;
        this.calls = calls;
        this.config = config;
    }

    /** The debug string networkd logs with each call: the XenAPI message being served. */
    String dbg() {
        var c = calls.current();
        return c == null ? "xapi" : c.message();
    }

    static Ref<Host> thisHost(Reader r) {
        for (Row pool : r.table(Pool.CLASS)) {
            return pool.get(Pool.Fields.MASTER);
        }
        throw ErrorCodes.INTERNAL_ERROR.error("no pool in the database");
    }

    Ref<Host> thisHost() {
        return thisHost(db.snapshot());
    }

    /** The PIFs of {@code host}. */
    static List<Row> pifsOf(Reader r, Ref<?> host) {
        List<Row> out = new ArrayList<>();
        for (Row p : r.table(Pif.CLASS)) {
            if (host.equals(p.get(Pif.Fields.HOST))) {
                out.add(p);
            }
        }
        return out;
    }

    /** The PIF of {@code host} on {@code network}, or null. */
    static Row pifOn(Reader r, Ref<?> host, Ref<?> network) {
        for (Row p : pifsOf(r, host)) {
            if (network.equals(p.get(Pif.Fields.NETWORK))) {
                return p;
            }
        }
        return null;
    }

    /**
     * A networkd failure as the client's error for this PIF: PIF_CONFIGURATION_ERROR with the
     * networkd error's name and parameters as its message, as the original reports network failures.
     */
    static XenApiException configurationError(Ref<?> pif, XenApiException e) {
        return ErrorCodes.PIF_CONFIGURATION_ERROR.error(pif.handle(),
                e.code() + (e.params().isEmpty() ? "" : " " + String.join(" ", e.params())));
    }
}
