package org.jxapi.networkd.impl;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.jxapi.networkd.api.Kind;
import org.jxapi.networkd.spi.BridgeBackend;
import org.jxapi.networkd.spi.InterfaceBackend;
import org.jxapi.networkd.spi.NetworkBackend;
import org.jxapi.networkd.spi.SriovBackend;
import org.jxapi.networkd.spi.VifBackend;

/**
 * A backend that passes every call to a real one and records its change calls, below the engine's own
 * counting (GuardedBackend), so that a test sees what reached the backend whether or not the engine
 * counted it. A change call is what the SPI declares void (every query returns something) and
 * {@code Sriov.enable}. Public, in the test-jar, for the backends' restart tests.
 */
public final class RecordingBackend implements NetworkBackend {
    private final NetworkBackend real;
    private final List<String> changes = new ArrayList<>();
    private final InterfaceBackend interfaces;
    private final BridgeBackend bridges;
    private final VifBackend vifs;
    private final SriovBackend sriov;

    public RecordingBackend(NetworkBackend real) {
        this.real = real;
        this.interfaces = recording(InterfaceBackend.class, "Interface", real.interfaces());
        this.bridges = recording(BridgeBackend.class, "Bridge", real.bridges());
        this.vifs = recording(VifBackend.class, "Vif", real.vifs());
        this.sriov = recording(SriovBackend.class, "Sriov", real.sriov());
    }

    private <T> T recording(Class<T> type, String prefix, T target) {
        InvocationHandler h = (proxy, m, args) -> {
            if (isChange(m)) {
                String call = prefix + "." + m.getName() + (args == null ? ""
                        : Arrays.stream(args).map(String::valueOf).collect(Collectors.joining(" ", " ", "")));
                synchronized (changes) {
                    changes.add(call);
                }
            }
            try {
                return m.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h));
    }

    private static boolean isChange(Method m) {
        return m.getDeclaringClass() != Object.class
                && (m.getReturnType() == void.class || m.getDeclaringClass() == SriovBackend.class
                        && m.getName().equals("enable"));
    }

    /** The change calls so far, in order, as "Bridge.create xapi1 Vlan[parent=xenbr0, tag=100] ...". */
    public List<String> changes() {
        synchronized (changes) {
            return List.copyOf(changes);
        }
    }

    /** Only the calls' names and first argument, as "Bridge.create xapi1": what a test compares. */
    public List<String> changeTargets() {
        return changes().stream().map(c -> {
            String[] w = c.split(" ", 3);
            return w.length == 1 ? w[0] : w[0] + " " + w[1];
        }).toList();
    }

    public void clear() {
        synchronized (changes) {
            changes.clear();
        }
    }

    @Override
    public Kind kind() {
        return real.kind();
    }

    @Override
    public InterfaceBackend interfaces() {
        return interfaces;
    }

    @Override
    public BridgeBackend bridges() {
        return bridges;
    }

    @Override
    public VifBackend vifs() {
        return vifs;
    }

    @Override
    public SriovBackend sriov() {
        return sriov;
    }
}
