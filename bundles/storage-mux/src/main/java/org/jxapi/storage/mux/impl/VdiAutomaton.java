package org.jxapi.storage.mux.impl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.jxapi.storage.api.VdiState;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.XenApiException;

/**
 * The VDI state machine of the original's storage layer: how one datapath's view of a VDI moves
 * with each operation, the superstate over all datapaths, and the driver operations that take the
 * VDI from one superstate to another. Read-only after read-write is fine (the VDI stays
 * read-write); read-write after read-only is an illegal transition, as in the original.
 */
final class VdiAutomaton {

    /** An operation a datapath asks for, or the driver is asked to perform. */
    enum Op {
        ATTACH_RO,
        ATTACH_RW,
        ACTIVATE,
        DEACTIVATE,
        DETACH
    }

    private VdiAutomaton() {
    }

    private static int level(VdiState s) {
        return s.activated() ? 2 : s.attached() ? 1 : 0;
    }

    private static VdiState state(int level, boolean rw) {
        return switch (level) {
            case 0 -> VdiState.DETACHED;
            case 1 -> rw ? VdiState.ATTACHED_RW : VdiState.ATTACHED_RO;
            default -> rw ? VdiState.ACTIVATED_RW : VdiState.ACTIVATED_RO;
        };
    }

    static XenApiException illegal(VdiState from, VdiState to) {
        return ErrorCodes.INTERNAL_ERROR.error("Illegal_transition: " + from.label() + " -> " + to.label());
    }

    private static XenApiException illegal(VdiState from, Op op) {
        return ErrorCodes.INTERNAL_ERROR.error("Illegal_transition: " + from.label() + " + " + op);
    }

    /** One datapath's state after {@code op}. */
    static VdiState plus(VdiState s, Op op) {
        int level = level(s);
        return switch (op) {
            case ATTACH_RO, ATTACH_RW -> {
                boolean wantRw = op == Op.ATTACH_RW;
                if (level == 0) {
                    yield state(1, wantRw);
                }
                if (!s.readWrite() && wantRw) {
                    throw illegal(s, op);
                }
                yield s;
            }
            case ACTIVATE -> {
                if (level == 0) {
                    throw illegal(s, op);
                }
                yield state(2, s.readWrite());
            }
            case DEACTIVATE -> level == 2 ? state(1, s.readWrite()) : s;
            case DETACH -> {
                if (level == 2) {
                    throw illegal(s, op);
                }
                yield VdiState.DETACHED;
            }
        };
    }

    /** The state the driver must be in for all these datapath states together. */
    static VdiState superstate(Collection<VdiState> states) {
        int level = 0;
        boolean rw = false;
        for (VdiState s : states) {
            level = Math.max(level, level(s));
            rw |= s.readWrite();
        }
        return state(level, rw && level > 0);
    }

    /**
     * The driver operations that move the VDI from superstate {@code from} to {@code to}. When
     * the read-write datapath leaves while read-only ones stay, nothing is done: the VDI simply
     * stays attached read-write until the last one goes (the original refuses this case).
     */
    static List<Op> minus(VdiState from, VdiState to) {
        int a = level(from);
        int b = level(to);
        if (a > 0 && b > 0 && !from.readWrite() && to.readWrite()) {
            throw illegal(from, to);
        }
        List<Op> ops = new ArrayList<>(2);
        if (a == 2 && b < 2) {
            ops.add(Op.DEACTIVATE);
        }
        if (a >= 1 && b == 0) {
            ops.add(Op.DETACH);
        }
        if (a == 0 && b >= 1) {
            ops.add(to.readWrite() ? Op.ATTACH_RW : Op.ATTACH_RO);
        }
        if (a < 2 && b == 2) {
            ops.add(Op.ACTIVATE);
        }
        return ops;
    }

    /** The datapath operations that take one datapath from {@code s} back to detached. */
    static List<Op> teardown(VdiState s) {
        List<Op> ops = new ArrayList<>(2);
        if (s.activated()) {
            ops.add(Op.DEACTIVATE);
        }
        if (s.attached()) {
            ops.add(Op.DETACH);
        }
        return ops;
    }
}
