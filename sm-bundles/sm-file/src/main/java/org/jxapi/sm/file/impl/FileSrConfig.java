package org.jxapi.sm.file.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "jxapi SR driver: file",
        description = "SRs of type file: qcow2 and raw images in a directory, managed with qemu-img")
@interface FileSrConfig {

    @AttributeDefinition(description = "The qemu-img program (Debian package qemu-utils)")
    String qemu_img() default "/usr/bin/qemu-img";

    @AttributeDefinition(description = "Seconds a quick qemu-img call (create, info, resize) may take")
    int quick_timeout_seconds() default 120;

    @AttributeDefinition(description = "Seconds a data-moving qemu-img call (convert, commit) may take")
    int data_timeout_seconds() default 21600;

    @AttributeDefinition(description = "Largest virtual size of a VDI, in bytes")
    long vdi_max_size() default 17592186044416L;

    @AttributeDefinition(description = "Image format of new VDIs unless sm_config image-format says otherwise",
            options = {@org.osgi.service.metatype.annotations.Option(value = "qcow2"),
                    @org.osgi.service.metatype.annotations.Option(value = "raw")})
    String image_format() default "qcow2";

    @AttributeDefinition(description = "Longest backing chain a snapshot or clone may make (the original stops at 30)")
    int max_chain_length() default 30;
}
