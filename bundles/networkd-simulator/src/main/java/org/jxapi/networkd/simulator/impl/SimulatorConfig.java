package org.jxapi.networkd.simulator.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "jxapi networkd simulator",
        description = "The simulated host network behind networkd instances whose backend.target selects (networkd.backend=simulator)")
@interface SimulatorConfig {
    @AttributeDefinition(name = "Kind",
            description = "The switch the simulator behaves like: openvswitch (fake-bridge VLANs, bonds as ports) or bridge (VLAN and bond devices)")
    String kind() default "openvswitch";

    @AttributeDefinition(name = "Physical NICs",
            description = "The host's NICs, each name[,mac[,pci[,carrier[,speed]]]]; left-out fields follow from the position")
    String[] nics() default {"sim0", "sim1"};
}
