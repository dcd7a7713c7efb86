package org.jxapi.api.spi;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jxapi.xenapi.model.Ref;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Serves the constructor and destructor of one class in place of the generic database ones, as
 * the original's custom {@code create}/{@code destroy} do: {@code VDI.create} makes the disk,
 * {@code VBD.destroy} refuses a plugged VBD. Register as a service with property {@value #CLASS}
 * naming the model class ({@code VDI}); where several do, the highest service ranking wins. The
 * server has checked the session, RBAC and the record's types before calling; the call being
 * served is available from {@link org.jxapi.api.CallContexts}. Failures are
 * {@link org.jxapi.xenapi.model.XenApiException}s, passed to the client as they are.
 */
@ConsumerType
public interface ObjectLifecycle {
    String CLASS = "xenapi.class";

    /**
     * Creates an object from the fields the caller gave (model Java types; fields the server owns
     * and the uuid are left out). {@code generic} creates the row as the server would have.
     */
    default Ref<?> create(Map<String, Object> fields, Function<Map<String, Object>, Ref<?>> generic) {
        return generic.apply(fields);
    }

    /** Destroys an object; {@code generic} deletes the row as the server would have. */
    default void destroy(Ref<?> self, Consumer<Ref<?>> generic) {
        generic.accept(self);
    }
}
