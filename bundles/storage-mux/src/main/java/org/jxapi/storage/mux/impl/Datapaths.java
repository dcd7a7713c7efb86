package org.jxapi.storage.mux.impl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import org.jxapi.storage.api.Backend;
import org.jxapi.storage.api.DpStat;
import org.jxapi.storage.api.VdiState;
import org.jxapi.storage.spi.SmError;
import org.jxapi.storage.spi.SrContext;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.XenApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-VDI datapath bookkeeping and locking, as the original's storage wrapper: each datapath has
 * its own view of a VDI (detached, attached or activated, read-only or read-write); the driver
 * sees only the superstate and is called only when that changes. One lock per VDI serialises
 * every operation on it. A datapath that could not be torn down is remembered as leaked and
 * cleaned up before the VDI's next operation. After a read-write attach, the last detach gives
 * the VDI a fresh content_id, since its contents may have changed.
 */
final class Datapaths {
    private static final Logger LOG = LoggerFactory.getLogger(Datapaths.class);

    /** Who the datapaths report changes to. */
    interface Events {
        void vdiChanged(String sr, String vdi);

        void dpChanged(String dp);
    }

    record Key(String sr, String vdi) {
    }

    static final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        final Map<String, VdiState> states = new LinkedHashMap<>();
        final Set<String> leaked = new LinkedHashSet<>();
        Backend backend;
        boolean written;

        boolean idle() {
            return states.isEmpty() && leaked.isEmpty() && backend == null;
        }
    }

    private final Map<Key, Slot> slots = new ConcurrentHashMap<>();
    private final Set<String> dps = ConcurrentHashMap.newKeySet();
    private final Events events;

    Datapaths(Events events) {
        this.events = events;
    }

    String create(String id) {
        dps.add(id);
        return id;
    }

    /** Runs {@code f} holding the VDI's lock. */
    <T> T withVdi(String sr, String vdi, Function<Slot, T> f) {
        Key key = new Key(sr, vdi);
        while (true) {
            Slot slot = slots.computeIfAbsent(key, k -> new Slot());
            slot.lock.lock();
            try {
                if (slots.get(key) != slot) {
                    continue;
                }
                try {
                    return f.apply(slot);
                } finally {
                    // Only the outermost holder may retire the slot: an inner call must not
                    // let another thread start afresh on a new slot while the outer one works.
                    if (slot.lock.getHoldCount() == 1 && slot.idle()) {
                        slots.remove(key, slot);
                    }
                }
            } finally {
                slot.lock.unlock();
            }
        }
    }

    void withVdi(String sr, String vdi, Runnable r) {
        withVdi(sr, vdi, s -> {
            r.run();
            return null;
        });
    }

    Backend attach(SrBinding b, String dbg, String dp, String vdi, String vm, boolean rw) {
        return withVdi(b.sr, vdi, slot -> {
            clearLeaked(b, dbg, vdi, vm, slot);
            perform(b, dbg, dp, vdi, vm, slot, rw ? VdiAutomaton.Op.ATTACH_RW : VdiAutomaton.Op.ATTACH_RO);
            return slot.backend;
        });
    }

    void change(SrBinding b, String dbg, String dp, String vdi, String vm, VdiAutomaton.Op op) {
        withVdi(b.sr, vdi, slot -> {
            clearLeaked(b, dbg, vdi, vm, slot);
            perform(b, dbg, dp, vdi, vm, slot, op);
            return null;
        });
    }

    /** Whether any datapath holds the VDI; call with the VDI's lock held. */
    static boolean inUse(Slot slot) {
        return !slot.states.isEmpty();
    }

    /** Tears down leaked datapaths of the VDI; call with its lock held. */
    void clearLeaked(SrBinding b, String dbg, String vdi, String vm, Slot slot) {
        for (String dp : new ArrayList<>(slot.leaked)) {
            for (VdiAutomaton.Op op : VdiAutomaton.teardown(slot.states.getOrDefault(dp, VdiState.DETACHED))) {
                perform(b, dbg, dp, vdi, vm, slot, op);
            }
            slot.leaked.remove(dp);
        }
    }

    private void perform(SrBinding b, String dbg, String dp, String vdi, String vm, Slot slot, VdiAutomaton.Op op) {
        VdiState current = slot.states.getOrDefault(dp, VdiState.DETACHED);
        VdiState next = VdiAutomaton.plus(current, op);
        Map<String, VdiState> after = new LinkedHashMap<>(slot.states);
        if (next == VdiState.DETACHED) {
            after.remove(dp);
        } else {
            after.put(dp, next);
        }
        VdiState superBefore = VdiAutomaton.superstate(slot.states.values());
        VdiState superAfter = VdiAutomaton.superstate(after.values());
        SrContext ctx = b.ctx(dbg);
        for (VdiAutomaton.Op step : VdiAutomaton.minus(superBefore, superAfter)) {
            call(b, step.name(), vdi, () -> driverStep(b, ctx, vdi, vm, slot, step, superAfter));
        }
        if (!after.equals(slot.states)) {
            slot.states.clear();
            slot.states.putAll(after);
            events.dpChanged(dp);
            events.vdiChanged(b.sr, vdi);
        }
    }

    private void driverStep(SrBinding b, SrContext ctx, String vdi, String vm, Slot slot, VdiAutomaton.Op step,
            VdiState target) {
        switch (step) {
            case ATTACH_RO, ATTACH_RW -> {
                boolean rw = step == VdiAutomaton.Op.ATTACH_RW;
                slot.backend = b.driver().vdiAttach(ctx, vdi, vm, rw);
                slot.written |= rw;
            }
            case ACTIVATE -> b.driver().vdiActivate(ctx, vdi, vm, target.readWrite());
            case DEACTIVATE -> b.driver().vdiDeactivate(ctx, vdi, vm);
            case DETACH -> {
                b.driver().vdiDetach(ctx, vdi, vm);
                slot.backend = null;
                if (slot.written) {
                    slot.written = false;
                    resetContentId(b, ctx, vdi);
                }
            }
        }
    }

    private static void resetContentId(SrBinding b, SrContext ctx, String vdi) {
        try {
            b.driver().vdiSetContentId(ctx, vdi, UUID.randomUUID().toString());
        } catch (SmError e) {
            if (e.code() != 38) {
                LOG.warn("cannot reset content_id of VDI {} of SR {}: {}", vdi, b.sr, e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot reset content_id of VDI {} of SR {}: {}", vdi, b.sr, e.toString());
        }
    }

    private static void call(SrBinding b, String op, String vdi, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            throw SmFailures.toXenApi(e, "VDI." + op.toLowerCase(), b.sr, vdi);
        }
    }

    DpStat stat(String sr, String vdi) {
        return withVdi(sr, vdi, slot -> new DpStat(VdiAutomaton.superstate(slot.states.values()), slot.states));
    }

    Backend attachInfo(String sr, String vdi, String dp) {
        return withVdi(sr, vdi, slot -> {
            if (!slot.states.containsKey(dp) || slot.backend == null) {
                throw ErrorCodes.INTERNAL_ERROR.error("datapath " + dp + " has not attached VDI " + vdi);
            }
            return slot.backend;
        });
    }

    /**
     * Deactivates and detaches every VDI that {@code dp} holds. Failures stop the teardown
     * unless {@code allowLeak}, when the datapath is forgotten anyway; a datapath that stays is
     * marked leaked on its VDIs.
     */
    void destroy(String dbg, String dp, boolean allowLeak, Function<String, SrBinding> bindings) {
        List<XenApiException> failures = new ArrayList<>();
        for (Key key : new ArrayList<>(slots.keySet())) {
            SrBinding b = bindings.apply(key.sr());
            if (b == null) {
                continue;
            }
            withVdi(key.sr(), key.vdi(), slot -> {
                if (!slot.states.containsKey(dp) && !slot.leaked.contains(dp)) {
                    return null;
                }
                try {
                    for (VdiAutomaton.Op op : VdiAutomaton.teardown(slot.states.getOrDefault(dp, VdiState.DETACHED))) {
                        perform(b, dbg, dp, key.vdi(), "", slot, op);
                    }
                    slot.leaked.remove(dp);
                } catch (XenApiException e) {
                    if (allowLeak) {
                        LOG.warn("forgetting datapath {} on VDI {} although its teardown failed: {}", dp, key.vdi(),
                                e.errorDescription());
                        slot.states.remove(dp);
                        slot.leaked.remove(dp);
                        if (slot.states.isEmpty()) {
                            slot.backend = null;
                        }
                    } else {
                        slot.leaked.add(dp);
                        failures.add(e);
                    }
                }
                return null;
            });
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        dps.remove(dp);
        events.dpChanged(dp);
    }

    /** Tears down every datapath of every VDI of the SR; with {@code force}, failures are only logged. */
    void teardownSr(SrBinding b, String dbg, boolean force) {
        for (Key key : new ArrayList<>(slots.keySet())) {
            if (!key.sr().equals(b.sr)) {
                continue;
            }
            withVdi(key.sr(), key.vdi(), slot -> {
                for (String dp : new ArrayList<>(slot.states.keySet())) {
                    try {
                        for (VdiAutomaton.Op op : VdiAutomaton.teardown(slot.states.get(dp))) {
                            perform(b, dbg, dp, key.vdi(), "", slot, op);
                        }
                    } catch (XenApiException e) {
                        if (!force) {
                            throw e;
                        }
                        LOG.warn("SR {}: dropping datapath {} of VDI {}: {}", b.sr, dp, key.vdi(), e.errorDescription());
                        slot.states.remove(dp);
                    }
                }
                slot.leaked.clear();
                slot.backend = null;
                return null;
            });
        }
    }

    String diagnostics() {
        StringBuilder sb = new StringBuilder("datapaths: ").append(new TreeSet<>(dps)).append('\n');
        List<Key> keys = new ArrayList<>(slots.keySet());
        keys.sort(Comparator.comparing(Key::sr).thenComparing(Key::vdi));
        for (Key k : keys) {
            withVdi(k.sr(), k.vdi(), s -> {
                sb.append("SR ").append(k.sr()).append(" VDI ").append(k.vdi()).append(": ")
                        .append(VdiAutomaton.superstate(s.states.values()).label());
                s.states.forEach((dp, st) -> sb.append("\n    ").append(dp).append(": ").append(st.label()));
                s.leaked.forEach(dp -> sb.append("\n    ").append(dp).append(": leaked"));
                return sb.append('\n');
            });
        }
        return sb.toString();
    }
}
