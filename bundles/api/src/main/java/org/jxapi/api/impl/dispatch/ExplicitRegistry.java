package org.jxapi.api.impl.dispatch;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jxapi.api.spi.ObjectLifecycle;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.MessageMeta;
import org.jxapi.xenapi.model.Model;
import org.jxapi.xenapi.model.XenApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which service implements each explicit message. Services register under the generated
 * interfaces ({@code VmApi}, ...) and implement only the messages they override; several bundles
 * can share one interface, each serving different messages. Where two override the same message,
 * the higher service ranking wins.
 */
public final class ExplicitRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(ExplicitRegistry.class);
    private static final String API_PACKAGE = "org.jxapi.xenapi.model.api.";

    private record Provider(Object service, Class<?> iface, Method invoke, int ranking, long id) { }

    private final Map<String, List<Provider>> byMessage = new ConcurrentHashMap<>();
    private final Map<String, List<Provider>> lifecycles = new ConcurrentHashMap<>();

    /** Adds a service that serves the constructor and destructor of model class {@code className}. */
    public synchronized void addLifecycle(ObjectLifecycle service, String className, int ranking, long id) {
        if (Model.clazz(className) == null) {
            LOG.warn("{} claims unknown class {}", service.getClass().getName(), className);
            return;
        }
        lifecycles.compute(className, (k, list) -> {
            List<Provider> l = list == null ? new ArrayList<>() : new ArrayList<>(list);
            l.add(new Provider(service, ObjectLifecycle.class, null, ranking, id));
            l.sort((a, b) -> a.ranking != b.ranking ? Integer.compare(b.ranking, a.ranking)
                    : Long.compare(a.id, b.id));
            return List.copyOf(l);
        });
    }

    public synchronized void removeLifecycle(ObjectLifecycle service) {
        for (String k : new ArrayList<>(lifecycles.keySet())) {
            lifecycles.computeIfPresent(k, (key, list) -> {
                List<Provider> l = new ArrayList<>(list);
                l.removeIf(p -> p.service == service);
                return l.isEmpty() ? null : List.copyOf(l);
            });
        }
    }

    /** The service serving create and destroy of {@code className}, or null for the generic ones. */
    ObjectLifecycle lifecycle(String className) {
        List<Provider> ps = lifecycles.get(className);
        return ps == null || ps.isEmpty() ? null : (ObjectLifecycle) ps.get(0).service;
    }

    /** Adds a service object for one generated interface. */
    public synchronized void add(Object service, Class<?> iface, int ranking, long id) {
        String className = classOf(iface);
        if (className == null) {
            return;
        }
        Method invoke = invoker(iface);
        int count = 0;
        for (Method m : iface.getMethods()) {
            if (!m.isDefault()) {
                continue;
            }
            try {
                Method impl = service.getClass().getMethod(m.getName(), m.getParameterTypes());
                if (impl.getDeclaringClass() == iface) {
                    continue;
                }
            } catch (NoSuchMethodException e) {
                continue;
            }
            String wire = messageName(className, m.getName());
            if (wire == null) {
                continue;
            }
            byMessage.compute(wire, (k, list) -> {
                List<Provider> l = list == null ? new ArrayList<>() : new ArrayList<>(list);
                l.add(new Provider(service, iface, invoke, ranking, id));
                l.sort((a, b) -> a.ranking != b.ranking ? Integer.compare(b.ranking, a.ranking)
                        : Long.compare(a.id, b.id));
                return List.copyOf(l);
            });
            count++;
        }
        LOG.debug("{} serves {} messages of {}", service.getClass().getName(), count, className);
    }

    public synchronized void remove(Object service) {
        for (String k : new ArrayList<>(byMessage.keySet())) {
            byMessage.computeIfPresent(k, (key, list) -> {
                List<Provider> l = new ArrayList<>(list);
                l.removeIf(p -> p.service == service);
                return l.isEmpty() ? null : List.copyOf(l);
            });
        }
    }

    /** Calls the implementation; {@code NOT_IMPLEMENTED [function]} when no bundle serves the message. */
    Object invoke(MessageMeta m, Object[] args) {
        List<Provider> ps = byMessage.get(m.wireName());
        if (ps == null || ps.isEmpty()) {
            throw ErrorCodes.NOT_IMPLEMENTED.error(m.wireName());
        }
        Provider p = ps.get(0);
        try {
            return p.invoke.invoke(null, p.service, m.name(), args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw XenApiException.internal(c);
        } catch (IllegalAccessException e) {
            throw XenApiException.internal(e);
        }
    }

    boolean implemented(String wireName) {
        List<Provider> ps = byMessage.get(wireName);
        return ps != null && !ps.isEmpty();
    }

    private static final Map<String, String> JAVA_TO_MODEL = new HashMap<>();

    static {
        for (var c : Model.classes()) {
            JAVA_TO_MODEL.put(c.javaName() + "Api", c.name());
        }
    }

    private static String classOf(Class<?> iface) {
        if (!iface.getName().startsWith(API_PACKAGE)) {
            return null;
        }
        return JAVA_TO_MODEL.get(iface.getSimpleName());
    }

    /** The wire name of the message a generated method stands for. */
    private static String messageName(String className, String javaMethod) {
        for (MessageMeta m : Model.clazz(className).messages()) {
            if (!m.isImplicit() && m.javaName().equals(javaMethod)) {
                return m.wireName();
            }
        }
        return null;
    }

    private static Method invoker(Class<?> iface) {
        try {
            return iface.getMethod("invoke", iface, String.class, Object[].class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(iface + " has no invoke dispatcher", e);
        }
    }
}
