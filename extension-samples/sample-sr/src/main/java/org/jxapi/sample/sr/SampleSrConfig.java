package org.jxapi.sample.sr;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "jxapi sample: SR driver", description = "The sample SR type's limits")
@interface SampleSrConfig {
    @AttributeDefinition(description = "Largest virtual size of a VDI, in bytes")
    long max_vdi_size() default 1099511627776L;
}
