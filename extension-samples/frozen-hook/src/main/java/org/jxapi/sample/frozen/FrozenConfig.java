package org.jxapi.sample.frozen;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "jxapi sample: frozen-VM hook", description = "Which tag freezes a VM")
@interface FrozenConfig {
    @AttributeDefinition(description = "VMs carrying this tag may not start or resume")
    String tag() default "frozen";
}
