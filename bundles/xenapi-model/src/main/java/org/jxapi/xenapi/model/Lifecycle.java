package org.jxapi.xenapi.model;

import java.util.ArrayList;
import java.util.List;

/** The lifecycle of a class, field or message: its state and the releases that changed it. */
public record Lifecycle(State state, List<Transition> transitions) {

    public enum State { PUBLISHED, PROTOTYPED, DEPRECATED, REMOVED }

    public record Transition(String kind, String release) { }

    /** Compact constructor used by generated code: state, then (kind, release) pairs. */
    public static Lifecycle of(String state, String... kindReleasePairs) {
        List<Transition> ts = new ArrayList<>(kindReleasePairs.length / 2);
        for (int i = 0; i + 1 < kindReleasePairs.length; i += 2) {
            ts.add(new Transition(kindReleasePairs[i], kindReleasePairs[i + 1]));
        }
        State s = switch (state) {
            case "Published_s" -> State.PUBLISHED;
            case "Prototyped_s" -> State.PROTOTYPED;
            case "Deprecated_s" -> State.DEPRECATED;
            case "Removed_s" -> State.REMOVED;
            default -> throw new IllegalArgumentException("unknown lifecycle state " + state);
        };
        return new Lifecycle(s, List.copyOf(ts));
    }

    public boolean isRemoved() {
        return state == State.REMOVED;
    }
}
