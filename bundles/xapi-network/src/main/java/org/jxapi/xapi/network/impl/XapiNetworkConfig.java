package org.jxapi.xapi.network.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "jxapi xapi networks", description = "How xapi drives this host's networks through networkd")
@interface XapiNetworkConfig {
    @AttributeDefinition(description = "The networkd instance the network messages call (an LDAP filter on its service)")
    String networkd_target() default "(networkd.instance=default)";

    @AttributeDefinition(description = "The device of the management PIF made at first start; empty means the "
            + "interface networkd reports the default gateway on")
    String management_device() default "";

    @AttributeDefinition(description = "Make a PIF and a network for each physical interface at first start (when the "
            + "database has no PIF of this host); nothing on the system is changed")
    boolean first_start() default true;
}
