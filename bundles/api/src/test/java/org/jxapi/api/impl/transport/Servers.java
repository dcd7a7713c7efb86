package org.jxapi.api.impl.transport;

import java.util.HashMap;
import java.util.Map;

import org.jxapi.api.impl.dispatch.RpcDispatcher;
import org.osgi.util.converter.Converters;

/** Starts the transport for tests, with configuration from a map. */
public final class Servers {
    private Servers() {
    }

    public static ApiServer start(RpcDispatcher core, Map<String, Object> props) throws Exception {
        Map<String, Object> p = new HashMap<>();
        p.put("http.port", 0);
        p.put("https.port", -1);
        p.put("bind.address", "127.0.0.1");
        p.put("unix.socket", "none");
        p.putAll(props);
        return new ApiServer(core, Converters.standardConverter().convert(p).to(ApiServerConfig.class));
    }
}
