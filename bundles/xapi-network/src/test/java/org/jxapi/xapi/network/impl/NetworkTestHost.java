package org.jxapi.xapi.network.impl;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jxapi.api.impl.XenApiCore;
import org.jxapi.db.impl.DatabaseImpl;
import org.jxapi.db.impl.DbOptions;
import org.jxapi.networkd.api.Networkd;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.api.BondApi;
import org.jxapi.xenapi.model.api.HostApi;
import org.jxapi.xenapi.model.api.NetworkApi;
import org.jxapi.xenapi.model.api.NetworkSriovApi;
import org.jxapi.xenapi.model.api.PifApi;
import org.jxapi.xenapi.model.api.PoolApi;
import org.jxapi.xenapi.model.api.TunnelApi;
import org.jxapi.xenapi.model.api.VifApi;
import org.jxapi.xenapi.model.api.VlanApi;
import org.jxapi.xenapi.model.types.Host;
import org.jxapi.xenapi.model.types.Session;
import org.osgi.util.converter.Converters;

/**
 * The real XenAPI core over an in-memory database with a pool and this host, and this bundle's
 * providers registered as DS would register them; calls go through the core's dispatch (type
 * checks, RBAC, errors) as a client's do.
 */
final class NetworkTestHost implements AutoCloseable {
    final DatabaseImpl db;
    final XenApiCore core;
    final Ref<Host> host;
    final NetworkCore network;
    final Ref<Session> session;

    NetworkTestHost(Path dir, Networkd networkd) throws Exception {
        this(dir, networkd, Map.of("first.start", false));
    }

    NetworkTestHost(Path dir, Networkd networkd, Map<String, Object> config) throws Exception {
        db = DatabaseImpl.open(DbOptions.inMemory());
        host = db.write(tx -> {
            Ref<Host> h = tx.create("host", Map.of("name_label", "test-host"));
            tx.create("pool", Map.of("master", h));
            return h;
        });
        Map<String, Object> p = new HashMap<>();
        p.put("root.password", "root-pw");
        p.put("data.dir", dir.toString());
        // The core's configuration type is private to the api bundle: build it the way DS would.
        Class<?> configType = Class.forName("org.jxapi.api.impl.XenApiCoreConfig");
        core = XenApiCore.class.getConstructor(org.jxapi.db.Database.class, configType)
                .newInstance(db, Converters.standardConverter().convert(p).to(configType));
        network = new NetworkCore(db, networkd, core, config(config));
        long id = 1000;
        var explicit = core.explicit();
        explicit.add(new PifMessages(network), PifApi.class, 0, id++);
        explicit.add(new NetworkMessages(network), NetworkApi.class, 0, id++);
        explicit.add(new VlanMessages(network), VlanApi.class, 0, id++);
        explicit.add(new PoolVlanMessages(network), PoolApi.class, 0, id++);
        explicit.add(new BondMessages(network), BondApi.class, 0, id++);
        explicit.add(new TunnelMessages(network), TunnelApi.class, 0, id++);
        explicit.add(new SriovMessages(network), NetworkSriovApi.class, 0, id++);
        explicit.add(new VifLockingMessages(network), VifApi.class, 0, id++);
        explicit.add(new HostManagementMessages(network), HostApi.class, 0, id++);
        explicit.addLifecycle(new NetworkLifecycle(network), "network", 0, id++);
        session = core.login("root", "test");
    }

    static XapiNetworkConfig config(Map<String, Object> props) {
        return Converters.standardConverter().convert(props).to(XapiNetworkConfig.class);
    }

    /** Calls a message by its wire name with the session first, as a client does. */
    Object call(String method, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = session;
        System.arraycopy(args, 0, all, 1, args.length);
        return core.call(method, all);
    }

    @SuppressWarnings("unchecked")
    <T> Ref<T> ref(String method, Object... args) {
        return (Ref<T>) call(method, args);
    }

    /** The error of a call as [code, params...]; fails when the call succeeds. */
    List<String> error(String method, Object... args) {
        try {
            Object r = call(method, args);
            throw new AssertionError(method + " succeeded: " + r);
        } catch (XenApiException e) {
            return e.errorDescription();
        }
    }

    /** A network made by network.create with only a name. */
    Ref<Object> network(String name) {
        return ref("network.create", Map.of("name_label", name));
    }

    /** A PIF written by PIF.db_introduce: a NIC xapi knows about without asking networkd. */
    Ref<Object> dbPif(String device, Ref<?> network, boolean attached) {
        Ref<Object> pif = ref("PIF.db_introduce", device, network, host, "02:00:00:00:00:0" + device.charAt(device.length() - 1),
                1500L, -1L, true, org.jxapi.xenapi.model.types.IpConfigurationMode.NONE, "", "", "", "",
                Ref.nullRef(), Ref.nullRef(), false, Map.of(), false,
                org.jxapi.xenapi.model.types.Ipv6ConfigurationMode.NONE, java.util.Set.of(), "",
                org.jxapi.xenapi.model.types.PrimaryAddressType.IPV4, true, Map.of());
        if (attached) {
            db.write(tx -> {
                tx.set("PIF", pif, "currently_attached", true);
                return null;
            });
        }
        return pif;
    }

    Object field(String cls, Ref<?> ref, String field) {
        return db.snapshot().require(cls, ref).get(field);
    }

    @Override
    public void close() throws Exception {
        java.lang.reflect.Method d = XenApiCore.class.getDeclaredMethod("deactivate");
        d.setAccessible(true);
        d.invoke(core);
        db.close();
    }
}
