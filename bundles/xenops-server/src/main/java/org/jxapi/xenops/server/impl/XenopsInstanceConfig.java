package org.jxapi.xenops.server.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "jxapi xenops instance",
        description = "One xenops (VM manager) instance: a queue name, a backend, and the Unix socket it serves. "
                + "Configure as etc/org.jxapi.xenops.instance-<name>.cfg (PID org.jxapi.xenops.instance~<name>); several may run side by side.")
@interface XenopsInstanceConfig {
    @AttributeDefinition(name = "Queue name",
            description = "The instance's unique name; xapi binds each VM to one, e.g. org.xen.xapi.xenops.classic")
    String queue() default "org.xen.xapi.xenops.simulator";

    @AttributeDefinition(name = "Backend filter",
            description = "LDAP filter selecting the backend service, e.g. (xenops.backend=simulator)")
    String backend_target() default "(xenops.backend=simulator)";

    @AttributeDefinition(name = "Socket path",
            description = "Unix socket for the JSON-RPC interface; empty means ${karaf.data}/jxapi/xenops/<name>.sock "
                    + "(a short path under /tmp when that exceeds the 106-byte limit)")
    String socket_path() default "";

    @AttributeDefinition(name = "Data directory",
            description = "Where VM and VmExtra metadata are kept; empty means ${karaf.data}/jxapi/xenops/<name>")
    String data_dir() default "";

    @AttributeDefinition(name = "Worker pool size",
            description = "Threads running VM operations; at most one per VM at a time. HOST.set_worker_pool_size changes it at run time")
    int worker_pool_size() default 4;

    @AttributeDefinition(name = "Hooks root",
            description = "Directory of hook directories (vm-pre-start, vm-post-destroy, ...) whose executables run in name"
                    + " order; empty means ${karaf.etc}/xapi.d in the distribution, /etc/xapi.d elsewhere")
    String hooks_root() default "";

    @AttributeDefinition(name = "Minimum reboot delay",
            description = "Seconds a VM must have run before a reboot it asks for goes ahead at once; sooner reboots wait "
                    + "for the rest, damping reboot loops. Negative: the backend's value")
    double minimum_reboot_delay() default -1;

    @AttributeDefinition(name = "Shutdown acknowledgement timeout",
            description = "Seconds a guest has to acknowledge a clean shutdown request")
    double shutdown_ack_timeout() default 60;

    @AttributeDefinition(name = "Sync metadata writes",
            description = "fsync each metadata file before renaming it into place. Off by default: the files are"
                    + " replaced by rename, so a killed toolstack never sees a torn one, and only a host crash (which"
                    + " also ends every domain they describe) could lose the newest; the original keeps them on tmpfs")
    boolean metadata_fsync() default false;
}
