package org.jxapi.xapi.storage.impl;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jxapi.api.spi.ObjectLifecycle;
import org.jxapi.xenapi.model.Ref;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code VDI.create} makes the disk in its SR and {@code VDI.destroy} removes it, as the original's custom constructor and destructor. */
@Component(service = ObjectLifecycle.class, property = ObjectLifecycle.CLASS + "=VDI")
public class VdiLifecycle implements ObjectLifecycle {
    private final StorageCore core;

    @Activate
    public VdiLifecycle(@Reference(name = "core") StorageCore core) {
        this.core = core;
    }

    @Override
    public Ref<?> create(Map<String, Object> fields, Function<Map<String, Object>, Ref<?>> generic) {
        return core.createVdi(fields);
    }

    @Override
    public void destroy(Ref<?> self, Consumer<Ref<?>> generic) {
        core.destroyVdi(self.cast());
    }
}
