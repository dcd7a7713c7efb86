package org.jxapi.sm.smapiv1.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "jxapi SMAPIv1 drivers",
        description = "Where legacy SMAPIv1 driver executables live, and how they are run")
@interface Smapiv1Config {

    @AttributeDefinition(description = "Directory of the driver executables, each named <Type>SR")
    String sm_dir() default "/opt/xensource/sm";

    @AttributeDefinition(description = "Directory where the adapter keeps what the drivers would have recorded "
            + "through the XenAPI (VDI names and sizes), one file per SR")
    String state_dir() default "/var/lib/jxapi/smapiv1";

    @AttributeDefinition(description = "Seconds one driver call may run before it is killed")
    int timeout_seconds() default 600;

    @AttributeDefinition(description = "Seconds between rescans of sm.dir for drivers that appeared or went away "
            + "(changes are also watched; 0: watched only)")
    int rescan_seconds() default 30;
}
