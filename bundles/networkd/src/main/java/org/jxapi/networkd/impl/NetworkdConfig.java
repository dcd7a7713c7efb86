package org.jxapi.networkd.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "jxapi networkd instance",
        description = "One networkd instance: a backend, its remembered configuration (networkd.db) and its Unix socket. "
                + "Configure as etc/org.jxapi.networkd-<name>.cfg (PID org.jxapi.networkd~<name>).")
@interface NetworkdConfig {
    @AttributeDefinition(name = "Instance name",
            description = "Registered as networkd.instance=<name>; when not set, the part of the PID after ~")
    String instance() default "default";

    @AttributeDefinition(name = "Backend filter",
            description = "LDAP filter selecting the backend: (networkd.backend=simulator), (networkd.backend=openvswitch) or (networkd.backend=bridge)")
    String backend_target() default "(networkd.backend=simulator)";

    @AttributeDefinition(name = "Database path",
            description = "The remembered configuration; empty means ${karaf.data}/networkd/<instance>/networkd.db")
    String db_path() default "";

    @AttributeDefinition(name = "Socket path",
            description = "Unix socket of the JSON-RPC interface; empty means ${karaf.data}/networkd/<instance>/networkd.sock")
    String socket_path() default "";

    @AttributeDefinition(name = "Protected interfaces",
            description = "Comma-separated interfaces networkd must never change (Interface_protected). In the host's namespace "
                    + "(netns empty): default-route stands for the interfaces of the host's default routes (read from /proc/net), "
                    + "addressed for those carrying an address networkd.db does not account for when the instance starts, lo is "
                    + "always protected, and so is DNS (resolv.conf) while any other interface is. In a namespace of its own only "
                    + "the names given count")
    String protected_interfaces() default "default-route,addressed";

    @AttributeDefinition(name = "Network namespace",
            description = "The namespace the backend works in (configure the backend with the same); empty means the host's")
    String netns() default "";
}
