package org.jxapi.xapi.host.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "jxapi host", description = "How this host presents itself in the XenAPI")
@interface HostBootstrapConfig {
    @AttributeDefinition(description = "Directory of the host inventory file; empty means ${karaf.data}/jxapi")
    String data_dir() default "";

    @AttributeDefinition(description = "XenAPI version this host reports, major part")
    long api_version_major() default 2;

    @AttributeDefinition(description = "XenAPI version this host reports, minor part (2.21 is XenServer 8 / XCP-ng 8.3)")
    long api_version_minor() default 21;
}
