package org.jxapi.bench;

import java.nio.file.Path;
import java.util.Map;

import org.jxapi.api.impl.XenApiCore;
import org.jxapi.api.impl.dispatch.RpcDispatcher;
import org.jxapi.api.impl.transport.ApiServer;
import org.jxapi.db.impl.DatabaseImpl;
import org.jxapi.db.impl.DbOptions;
import org.osgi.util.converter.Converters;

/**
 * The XenAPI server as the distribution runs it (durable database, core, Jetty transport), built
 * in this JVM so that benchmarks need no Karaf. The components' configuration types are private
 * to their bundles, so they are found by name.
 */
final class InProcessServer implements AutoCloseable {
    static final String PASSWORD = "bench";
    final DatabaseImpl db;
    final XenApiCore core;
    final ApiServer server;

    InProcessServer(Path dir) throws Exception {
        // -Dbench.db.fsync=false takes the disk out of a latency figure, to see the rest of the path.
        DbOptions durable = DbOptions.durable(dir.resolve("db"));
        db = DatabaseImpl.open(Boolean.parseBoolean(System.getProperty("bench.db.fsync", "true")) ? durable
                : new DbOptions(durable.dir(), false, durable.compactBytes(), durable.changelogCapacity()));
        Class<?> coreCfg = Class.forName("org.jxapi.api.impl.XenApiCoreConfig");
        core = XenApiCore.class.getConstructor(org.jxapi.db.Database.class, coreCfg)
                .newInstance(db, config(coreCfg.getName(), Map.of("root.password", PASSWORD, "data.dir", dir.toString())));
        Class<?> cfg = Class.forName("org.jxapi.api.impl.transport.ApiServerConfig");
        server = ApiServer.class.getConstructor(RpcDispatcher.class, cfg).newInstance(core,
                config(cfg.getName(), Map.of("http.port", 0, "https.port", -1, "bind.address", "127.0.0.1",
                        "unix.socket", "none", "data.dir", dir.toString())));
    }

    private static Object config(String type, Map<String, Object> props) throws ClassNotFoundException {
        return Converters.standardConverter().convert(props).to(Class.forName(type));
    }

    int port() {
        return server.httpPort();
    }

    @Override
    public void close() throws Exception {
        var stop = ApiServer.class.getDeclaredMethod("deactivate");
        stop.setAccessible(true);
        stop.invoke(server);
        var d = XenApiCore.class.getDeclaredMethod("deactivate");
        d.setAccessible(true);
        d.invoke(core);
        db.close();
    }
}
