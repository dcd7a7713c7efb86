package org.jxapi.extensions.impl;

import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.api.HostApi;
import org.jxapi.xenapi.model.api.PoolApi;
import org.jxapi.xenapi.model.types.Pool;
import org.jxapi.xenapi.model.types.Session;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code pool.has_extension}: a pool has an extension when its hosts have it. With one host per
 * pool that is this host's answer. (A separate component: HostApi and PoolApi both declare
 * has_extension with signatures that erase alike.)
 */
@Component(service = PoolApi.class)
public class PoolExtensions implements PoolApi {
    private final HostApi host;

    @Activate
    public PoolExtensions(@Reference(target = "(component.name=org.jxapi.extensions.impl.ExtensionHost)") HostApi host) {
        this.host = host;
    }

    @Override
    public boolean hasExtension(Ref<Session> sessionId, Ref<Pool> self, String name) {
        return host.hasExtension(sessionId, Ref.nullRef(), name);
    }
}
