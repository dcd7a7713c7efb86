package org.jxapi.xenops.simulator.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "jxapi xenops simulator",
        description = "The simulated hypervisor behind xenops instances whose backend.target selects (xenops.backend=simulator)")
@interface SimulatorConfig {
    @AttributeDefinition(name = "Persist domains",
            description = "Keep the simulated domain table on disk, so that a restarted server finds its half-built domains")
    boolean persist() default true;

    @AttributeDefinition(name = "State directory",
            description = "Where the domain table is kept; empty means ${karaf.data}/jxapi/xenops/simulator-domains")
    String state_dir() default "";
}
