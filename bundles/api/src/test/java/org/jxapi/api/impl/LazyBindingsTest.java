package org.jxapi.api.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;

/** Providers are got on the first call after they are bound, never while DS binds them. */
class LazyBindingsTest {
    /** Counts gets and ungets of one provider object. */
    static final class Objects implements ComponentServiceObjects<Object> {
        final Object service = new Object();
        int gets;
        int ungets;

        @Override
        public Object getService() {
            gets++;
            return service;
        }

        @Override
        public void ungetService(Object s) {
            ungets++;
        }

        @Override
        public ServiceReference<Object> getServiceReference() {
            return null;
        }
    }

    @Test
    void aBoundProviderIsGotOnTheNextResolveOnly() {
        LazyBindings lazy = new LazyBindings();
        Objects o = new Objects();
        List<Object> added = new ArrayList<>();
        lazy.bind("explicit", 7, o, added::add, s -> { });
        assertEquals(0, o.gets, "bind must not get the service (DS may be activating XenApiCore)");
        lazy.resolve();
        assertEquals(List.of(o.service), added);
        lazy.resolve();
        assertEquals(1, o.gets, "resolved once");
    }

    @Test
    void anUnbindRemovesAndReleasesWhatWasResolved() {
        LazyBindings lazy = new LazyBindings();
        Objects o = new Objects();
        List<Object> removed = new ArrayList<>();
        lazy.bind("explicit", 7, o, s -> { }, removed::add);
        lazy.resolve();
        lazy.unbind("explicit", 7);
        assertEquals(List.of(o.service), removed);
        assertEquals(1, o.ungets);
    }

    @Test
    void aProviderThatLeavesBeforeAnyCallIsNeverGot() {
        LazyBindings lazy = new LazyBindings();
        Objects o = new Objects();
        List<Object> added = new ArrayList<>();
        lazy.bind("explicit", 7, o, added::add, s -> { });
        lazy.unbind("explicit", 7);
        lazy.resolve();
        assertEquals(0, o.gets);
        assertEquals(List.of(), added);
    }

    @Test
    void aProviderCallingBackWhileBeingResolvedFindsNothingPending() {
        LazyBindings lazy = new LazyBindings();
        Objects first = new Objects();
        Objects second = new Objects();
        List<Object> added = new ArrayList<>();
        lazy.bind("explicit", 1, first, s -> {
            lazy.resolve(); // a provider's constructor calling the XenAPI: must not loop or fail
            added.add(s);
        }, s -> { });
        lazy.bind("explicit", 2, second, added::add, s -> { });
        lazy.resolve();
        assertEquals(List.of(first.service, second.service), added);
        assertEquals(1, first.gets);
        assertEquals(1, second.gets);
    }

    @Test
    void oneServiceOnTwoReferencesIsBoundOnBoth() {
        LazyBindings lazy = new LazyBindings();
        Objects o = new Objects();
        List<String> added = new ArrayList<>();
        lazy.bind("explicit", 7, o, s -> added.add("explicit"), s -> { });
        lazy.bind("fallback", 7, o, s -> added.add("fallback"), s -> { });
        lazy.resolve();
        assertEquals(List.of("explicit", "fallback"), added);
    }
}
