package org.jxapi.shell.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.jxapi.xenops.api.Xenops;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/** The xenops instances running now (one Xenops service per queue), for commands that talk to xenops directly. */
public final class XenopsInstances {
    private XenopsInstances() {
    }

    /** Calls {@code use} with every instance (optionally only {@code queue}), releasing each after. */
    public static <T> List<T> each(String queue, java.util.function.Function<Xenops, T> use) {
        BundleContext ctx = FrameworkUtil.getBundle(XenopsInstances.class).getBundleContext();
        List<T> out = new ArrayList<>();
        Collection<ServiceReference<Xenops>> refs;
        try {
            refs = ctx.getServiceReferences(Xenops.class, queue == null ? null : "(xenops.queue=" + queue + ")");
        } catch (InvalidSyntaxException e) {
            return out;
        }
        for (ServiceReference<Xenops> r : refs) {
            Xenops x = ctx.getService(r);
            if (x == null) {
                continue;
            }
            try {
                T t = use.apply(x);
                if (t != null) {
                    out.add(t);
                }
            } finally {
                ctx.ungetService(r);
            }
        }
        return out;
    }
}
