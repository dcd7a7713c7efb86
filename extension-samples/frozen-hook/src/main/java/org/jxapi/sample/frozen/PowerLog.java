package org.jxapi.sample.frozen;

import org.jxapi.xenops.hooks.HookInvocation;
import org.jxapi.xenops.hooks.LifecycleHook;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every power operation: each hook point a VM passes (start, shutdown, reboot, suspend,
 * resume, migrate) with its reason, in the toolstack's log. Unnamed, so it runs after every
 * script and named service of the point.
 */
@Component(property = LifecycleHook.POINTS + "=*")
public class PowerLog implements LifecycleHook {
    private static final Logger LOG = LoggerFactory.getLogger(PowerLog.class);

    @Override
    public void run(HookInvocation invocation) {
        LOG.info("power operation: VM {} at {} (reason {}, queue {})", invocation.vmUuid(), invocation.point(),
                invocation.reason(), invocation.queue());
    }
}
