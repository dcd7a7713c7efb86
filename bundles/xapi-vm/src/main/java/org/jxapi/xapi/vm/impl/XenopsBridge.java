package org.jxapi.xapi.vm.impl;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.jxapi.api.Call;
import org.jxapi.api.CallContexts;
import org.jxapi.db.Database;
import org.jxapi.db.Row;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.types.Vm;
import org.jxapi.xenapi.model.types.VmPowerState;
import org.jxapi.xenops.api.TaskInfo;
import org.jxapi.xenops.api.TaskState;
import org.jxapi.xenops.api.Xenops;
import org.jxapi.xenops.api.XenopsException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * xapi's side of the xenops instances (the original's xapi_xenops queue handling): the
 * instances present by queue name, an update watcher for each, the instance a VM runs on
 * ({@code other_config:xenops}, else the default queue), and waiting for xenops tasks with
 * their failures turned into XenAPI errors.
 */
@Component(service = XenopsBridge.class, immediate = true, configurationPid = "org.jxapi.xapi.vm")
@Designate(ocd = XapiVmConfig.class)
public class XenopsBridge {
    private static final Logger LOG = LoggerFactory.getLogger(XenopsBridge.class);
    static final String QUEUE_PROPERTY = "xenops.queue";
    static final String SOCKET_PROPERTY = "xenops.socket";

    final Database db;
    /** Tells the waits for instances the time; tests move their own clock instead of waiting it out. */
    private final Clock clock;
    /** When this bridge came up (clock millis): xenops instances register over the following seconds. */
    private final long activatedAt;
    /** Optional and dynamic: the XenAPI server that provides it pulls in this bundle's services as it starts. */
    private volatile CallContexts contexts;
    final XapiVmConfig config;
    final VmStates states;
    private final Map<String, XenopsQueue> instances = new ConcurrentHashMap<>();
    private final Map<Xenops, XenopsQueue> byService = new ConcurrentHashMap<>();
    /** Notified when an instance registers. */
    private final Object arrivals = new Object();

    @Activate
    public XenopsBridge(@Reference(name = "database") Database db, XapiVmConfig config) {
        this(db, config, Clock.systemUTC());
    }

    private XenopsBridge(Database db, XapiVmConfig config, Clock clock) {
        this.clock = clock;
        this.activatedAt = clock.millis();
        this.db = db;
        this.config = config;
        this.states = new VmStates(db, this::queueOf);
        states.clearStaleOperations();
    }

    /** For use without a framework. */
    public XenopsBridge(Database db, CallContexts contexts, XapiVmConfig config) {
        this(db, contexts, config, Clock.systemUTC());
    }

    /** For use without a framework, with the clock the start-up grace period and the waits are measured by. */
    public XenopsBridge(Database db, CallContexts contexts, XapiVmConfig config, Clock clock) {
        this(db, config, clock);
        this.contexts = contexts;
    }

    @Reference(name = "contexts", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void bindContexts(CallContexts c) {
        contexts = c;
    }

    public void unbindContexts(CallContexts c) {
        if (contexts == c) {
            contexts = null;
        }
    }

    @Deactivate
    public void close() {
        byService.values().forEach(XenopsQueue::stop);
        byService.clear();
        instances.clear();
        states.close();
    }

    @Reference(name = "xenops", service = Xenops.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void addXenops(Xenops xenops, Map<String, Object> props) {
        Object q = props.get(QUEUE_PROPERTY);
        String queue = q instanceof String s && !s.isEmpty() ? s : xenops.queueName();
        XenopsQueue i = new XenopsQueue(queue, xenops, states, config.updates_timeout());
        Object socket = props.get(SOCKET_PROPERTY);
        i.socket = socket instanceof String p && !p.isEmpty() ? p : null;
        XenopsQueue old = instances.put(queue, i);
        if (old != null) {
            LOG.warn("two xenops instances serve queue {}; the newer wins", queue);
        }
        byService.put(xenops, i);
        i.start();
        LOG.info("following xenops instance {}", queue);
        synchronized (arrivals) {
            arrivals.notifyAll();
        }
    }

    public void removeXenops(Xenops xenops) {
        XenopsQueue i = byService.remove(xenops);
        if (i != null) {
            instances.remove(i.queue, i);
            i.stop();
            LOG.info("xenops instance {} went away", i.queue);
        }
    }

    /** The queue a VM runs on: {@code other_config:xenops} when it names an instance present, else the default. */
    String queueOf(Row vm) {
        Object wanted = ((Map<?, ?>) vm.get(Vm.Fields.OTHER_CONFIG)).get("xenops");
        if (wanted instanceof String w && !w.isEmpty()) {
            if (instances.containsKey(w)) {
                return w;
            }
            LOG.warn("VM {}: unknown xenops queue {}; using the default {}", vm.uuid(), w, config.default_queue());
        }
        if (instances.containsKey(config.default_queue()) || instances.isEmpty()) {
            return config.default_queue();
        }
        return instances.keySet().iterator().next();
    }

    /**
     * A VM belongs to the instance its other_config:xenops names. Just after a (re)start the XenAPI
     * answers before every instance has registered. An operation on a VM that is not halted waits
     * for its instance instead of going to the default one, which does not know it. A start waits
     * too, but only within {@code instance.wait.seconds} of this component's activation: then the
     * instance is probably still coming up, while later an unknown name means the default instance
     * (a qemu VM must not end up on the simulator because qemu registered a second late).
     */
    private void awaitOwnInstance(Row vm) {
        Object wanted = ((Map<?, ?>) vm.get(Vm.Fields.OTHER_CONFIG)).get("xenops");
        if (!(wanted instanceof String w) || w.isEmpty() || instances.containsKey(w)) {
            return;
        }
        long wait = config.instance_wait_seconds() * 1000L;
        boolean halted = vm.get(Vm.Fields.POWER_STATE) == VmPowerState.HALTED;
        long deadline;
        if (halted) {
            deadline = activatedAt + wait;
        } else {
            for (XenopsQueue other : instances.values()) {
                if (other.stat(vm.uuid()) != null) {
                    // It runs elsewhere (started when its instance was unknown): that one serves it.
                    return;
                }
            }
            deadline = clock.millis() + wait;
        }
        synchronized (arrivals) {
            while (!instances.containsKey(w)) {
                long left = deadline - clock.millis();
                if (left <= 0) {
                    if (halted) {
                        return;
                    }
                    throw ErrorCodes.INTERNAL_ERROR.error("VM " + vm.uuid() + " runs on xenops instance " + w
                            + ", which is not running");
                }
                try {
                    arrivals.wait(Math.max(1, left));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw ErrorCodes.INTERNAL_ERROR.error("interrupted while waiting for xenops instance " + w);
                }
            }
        }
    }

    XenopsQueue instanceFor(Row vm) {
        awaitOwnInstance(vm);
        return queueInstance(vm);
    }

    private XenopsQueue queueInstance(Row vm) {
        String q = queueOf(vm);
        XenopsQueue i = instances.get(q);
        if (i == null) {
            throw ErrorCodes.INTERNAL_ERROR.error("no xenops instance serves queue " + q);
        }
        return i;
    }

    /** The instance that runs a VM now: normally its queue's, else whichever knows the VM. */
    XenopsQueue instanceRunning(Row vm) {
        awaitOwnInstance(vm);
        XenopsQueue i = instances.get(queueOf(vm));
        if (i != null && i.stat(vm.uuid()) != null) {
            return i;
        }
        for (XenopsQueue other : instances.values()) {
            if (other.stat(vm.uuid()) != null) {
                return other;
            }
        }
        return queueInstance(vm);
    }

    Call call() {
        CallContexts c = contexts;
        return c == null ? null : c.current();
    }

    /**
     * Runs a xenops operation on {@code vm} and waits for its task; a failed task raises its
     * error as the XenAPI error the original gives.
     */
    void run(XenopsQueue x, Ref<?> vm, Supplier<String> submit) {
        Call call = call();
        Ref<?> task = call == null ? null : call.task();
        TaskInfo t;
        try {
            String id = submit.get();
            t = x.await(id, call);
        } catch (RuntimeException e) {
            throw XenopsErrors.translate(db.snapshot(), vm, task, e);
        }
        if (t.state().status() == TaskState.Status.FAILED) {
            throw XenopsErrors.translate(db.snapshot(), vm, task, new XenopsException(t.state().error()));
        }
    }

    /** A direct xenops call, its failure turned into a XenAPI error. */
    <T> T call(Ref<?> vm, Supplier<T> f) {
        try {
            return f.get();
        } catch (XenApiException e) {
            throw e instanceof XenopsException ? XenopsErrors.translate(db.snapshot(), vm, null, e) : e;
        }
    }

    /** Writes what xenops says of the VM, in the transaction that also ends the operation. */
    void refresh(XenopsQueue x, String vmUuid) {
        db.write(tx -> {
            states.applyVm(tx, x, vmUuid, null);
            return null;
        });
    }

    Map<String, XenopsQueue> instances() {
        return instances;
    }
}
