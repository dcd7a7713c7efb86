package org.jxapi.storage.mux.impl;

import static org.jxapi.storage.api.VdiState.ACTIVATED_RO;
import static org.jxapi.storage.api.VdiState.ACTIVATED_RW;
import static org.jxapi.storage.api.VdiState.ATTACHED_RO;
import static org.jxapi.storage.api.VdiState.ATTACHED_RW;
import static org.jxapi.storage.api.VdiState.DETACHED;
import static org.jxapi.storage.mux.impl.VdiAutomaton.Op.ACTIVATE;
import static org.jxapi.storage.mux.impl.VdiAutomaton.Op.ATTACH_RO;
import static org.jxapi.storage.mux.impl.VdiAutomaton.Op.ATTACH_RW;
import static org.jxapi.storage.mux.impl.VdiAutomaton.Op.DEACTIVATE;
import static org.jxapi.storage.mux.impl.VdiAutomaton.Op.DETACH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.jxapi.xenapi.model.XenApiException;

class VdiAutomatonTest {

    @Test
    void oneDatapathMovesAsTheOriginal() {
        assertEquals(ATTACHED_RW, VdiAutomaton.plus(DETACHED, ATTACH_RW));
        assertEquals(ATTACHED_RW, VdiAutomaton.plus(ATTACHED_RW, ATTACH_RO));
        assertEquals(ACTIVATED_RO, VdiAutomaton.plus(ATTACHED_RO, ACTIVATE));
        assertEquals(ATTACHED_RW, VdiAutomaton.plus(ACTIVATED_RW, DEACTIVATE));
        assertEquals(DETACHED, VdiAutomaton.plus(DETACHED, DETACH));
        assertEquals(DETACHED, VdiAutomaton.plus(DETACHED, DEACTIVATE));
        assertThrows(XenApiException.class, () -> VdiAutomaton.plus(DETACHED, ACTIVATE));
        assertThrows(XenApiException.class, () -> VdiAutomaton.plus(ACTIVATED_RW, DETACH));
        assertThrows(XenApiException.class, () -> VdiAutomaton.plus(ATTACHED_RO, ATTACH_RW));
    }

    @Test
    void superstateIsTheMaximum() {
        assertEquals(DETACHED, VdiAutomaton.superstate(List.of()));
        assertEquals(ATTACHED_RW, VdiAutomaton.superstate(List.of(ATTACHED_RO, ATTACHED_RW)));
        assertEquals(ACTIVATED_RW, VdiAutomaton.superstate(List.of(ACTIVATED_RO, ATTACHED_RW)));
        assertEquals(ACTIVATED_RO, VdiAutomaton.superstate(List.of(ACTIVATED_RO, ATTACHED_RO)));
    }

    @Test
    void driverOperationsBetweenSuperstates() {
        assertEquals(List.of(ATTACH_RW, ACTIVATE), VdiAutomaton.minus(DETACHED, ACTIVATED_RW));
        assertEquals(List.of(DEACTIVATE, DETACH), VdiAutomaton.minus(ACTIVATED_RO, DETACHED));
        assertEquals(List.of(), VdiAutomaton.minus(ATTACHED_RW, ATTACHED_RW));
        assertEquals(List.of(), VdiAutomaton.minus(ATTACHED_RW, ATTACHED_RO));
        XenApiException e = assertThrows(XenApiException.class, () -> VdiAutomaton.minus(ATTACHED_RO, ATTACHED_RW));
        assertEquals("INTERNAL_ERROR", e.code());
        assertEquals(List.of(DEACTIVATE, DETACH), VdiAutomaton.teardown(ACTIVATED_RW));
    }
}
