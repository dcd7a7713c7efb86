package org.jxapi.xapi.vm.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "jxapi xapi VMs", description = "How xapi drives VMs through its xenops instances")
@interface XapiVmConfig {
    @AttributeDefinition(description = "The xenops queue that runs VMs whose other_config:xenops names no known instance")
    String default_queue() default "org.xen.xapi.xenops.simulator";

    @AttributeDefinition(description = "Seconds a guest has to shut down after VM.clean_shutdown or VM.shutdown asks it to")
    double clean_shutdown_timeout() default 1200;

    @AttributeDefinition(description = "Seconds a guest has to reboot after VM.clean_reboot asks it to")
    double clean_reboot_timeout() default 1200;

    @AttributeDefinition(description = "Directory of suspend images of VMs without a suspend SR; empty means ${karaf.data}/jxapi/suspend")
    String suspend_dir() default "";

    @AttributeDefinition(description = "Seconds the update watcher of a xenops instance waits in one UPDATES.get")
    int updates_timeout() default 30;

    @AttributeDefinition(description = "Seconds an operation on a running VM waits for its xenops instance to come up "
            + "(just after a restart, instances register one after the other); also how long after start-up a VM start "
            + "waits for the instance its other_config:xenops names before falling back to the default queue")
    int instance_wait_seconds() default 30;

    @AttributeDefinition(description = "Make the default templates (Other install media, ...) at start when they are missing")
    boolean default_templates() default true;
}
