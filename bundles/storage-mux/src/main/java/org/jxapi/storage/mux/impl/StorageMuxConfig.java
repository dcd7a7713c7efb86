package org.jxapi.storage.mux.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "jxapi storage multiplexer",
        description = "Routes storage calls to SR drivers; runs storage tasks")
@interface StorageMuxConfig {

    @AttributeDefinition(description = "Threads running storage tasks (DATA.copy) at the same time")
    int task_threads() default 4;

    @AttributeDefinition(description = "Longest wait, in seconds, that UPDATES.get grants a caller")
    int updates_max_wait_seconds() default 300;

    @AttributeDefinition(description = "Changes the update feed remembers; older ones are folded away")
    int updates_capacity() default 100000;
}
