package org.jxapi.storage.api;

import java.util.List;
import java.util.Optional;

/** What VDI.attach returns: the ways to reach the VDI's data, best first. */
public record Backend(List<Implementation> implementations) {

    public Backend {
        implementations = List.copyOf(implementations);
    }

    public static Backend of(Implementation... implementations) {
        return new Backend(List.of(implementations));
    }

    /** The first implementation of the given kind, if any. */
    public <T extends Implementation> Optional<T> first(Class<T> kind) {
        return implementations.stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }
}
