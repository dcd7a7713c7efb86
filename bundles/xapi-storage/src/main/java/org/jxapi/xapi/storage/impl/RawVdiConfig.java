package org.jxapi.xapi.storage.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "jxapi raw VDI transfers",
        description = "The /import_raw_vdi and /export_raw_vdi HTTP endpoints")
@interface RawVdiConfig {
    @AttributeDefinition(description = "The qemu-img program, used to read and write qcow2 images (Debian package qemu-utils)")
    String qemu_img() default "/usr/bin/qemu-img";

    @AttributeDefinition(description = "Directory for the temporary images of qcow2 transfers; empty means java.io.tmpdir")
    String tmp_dir() default "";

    @AttributeDefinition(description = "Seconds a qemu-img conversion may take before it is killed")
    int convert_timeout_seconds() default 21600;
}
