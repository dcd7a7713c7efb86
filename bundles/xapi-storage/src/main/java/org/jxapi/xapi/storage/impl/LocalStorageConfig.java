package org.jxapi.xapi.storage.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "jxapi local storage",
        description = "The SR a fresh host gets, as an installer makes 'Local storage': VMs installed from templates get their disks there")
@interface LocalStorageConfig {
    @AttributeDefinition(description = "Make the local SR at first start (and make it the pool's default SR)")
    boolean enabled() default true;

    @AttributeDefinition(description = "Its directory; empty means ${karaf.data}/jxapi/sr/local")
    String path() default "";

    @AttributeDefinition(description = "Its SR type (a driver that takes device-config:location, as file does)")
    String type() default "file";

    @AttributeDefinition(description = "Its name-label")
    String name_label() default "Local storage";

    @AttributeDefinition(description = "Seconds to wait at start for the SR type's driver to appear")
    int driver_wait_seconds() default 120;
}
