package org.jxapi.networkd.bridge.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "jxapi networkd backend: Linux bridge",
        description = "Linux bridges, ports, VXLAN tunnels and nft port locking in one network namespace")
@interface LinuxBridgeConfig {
    @AttributeDefinition(description = "Network namespace the backend works in (ip netns); empty: the host's")
    String netns() default "";

    @AttributeDefinition(name = "networkd.protected-interfaces",
            description = "Interfaces never changed (comma separated; 'none' for none); empty: those carrying the "
                    + "root namespace's default routes, plus the host's lo")
    String networkd_protected$_$interfaces() default "";

    @AttributeDefinition(name = "networkd.physical-interfaces",
            description = "Interfaces taken as physical NICs although they have no device (comma separated): veths "
                    + "into the namespace of a test rig or nested host; empty: only devices with a sysfs device")
    String networkd_physical$_$interfaces() default "";

    @AttributeDefinition(description = "resolv.conf that Interface.set_dns writes; empty: set_dns is Not_implemented "
            + "(the machine's /etc/resolv.conf is only written when named here)")
    String resolv_conf() default "";

    @AttributeDefinition(description = "Directory of the backend's state file and DHCP client files; empty: "
            + "${karaf.data}/jxapi/networkd/bridge")
    String state_dir() default "";

    @AttributeDefinition(description = "The DHCP client program (ISC dhclient)")
    String dhclient() default "dhclient";

    @AttributeDefinition(description = "nft table (bridge family) of the port-locking rules")
    String nft_table() default "jxapi";

    @AttributeDefinition(description = "Seconds an ip, nft or tc call may take")
    int command_timeout_seconds() default 30;
}
