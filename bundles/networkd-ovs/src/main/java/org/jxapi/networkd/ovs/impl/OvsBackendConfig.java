package org.jxapi.networkd.ovs.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "jxapi networkd Open vSwitch backend",
        description = "Which Open vSwitch instance and network namespace the openvswitch backend drives")
@interface OvsBackendConfig {
    @AttributeDefinition(description = "The OVS run directory: the bridges' OpenFlow management sockets"
            + " (<bridge>.mgmt) are here, and the database socket defaults to it")
    String instance_dir() default "/var/run/openvswitch";

    @AttributeDefinition(description = "ovsdb-server's Unix socket; empty means <instance.dir>/db.sock")
    String ovsdb_socket() default "";

    @AttributeDefinition(description = "Network namespace the switch's devices live in (ip -n); empty"
            + " means the host's, where the protected interfaces are never changed")
    String netns() default "";

    @AttributeDefinition(description = "datapath_type of new bridges: netdev (userspace, no kernel"
            + " module) or system (the openvswitch kernel module)")
    String datapath_type() default "netdev";

    @AttributeDefinition(description = "Interfaces never changed nor put on a bridge (comma-separated);"
            + " empty means those carrying the root namespace's default routes (and the host's lo); none: none")
    String protected_interfaces() default "";

    @AttributeDefinition(description = "The resolv.conf Interface.set_dns may write; empty means none (set_dns fails)")
    String resolv_conf() default "";

    @AttributeDefinition(description = "Directory of the backend's own files (DHCP clients' pid files);"
            + " empty means <instance.dir>/jxapi-networkd")
    String state_dir() default "";

    @AttributeDefinition(description = "Seconds each ovs-vsctl, ovs-ofctl or ip run may take"
            + " (the original's one minute: deleting a bridge with hundreds of VLANs takes tens of seconds)")
    int command_timeout_s() default 60;
}
