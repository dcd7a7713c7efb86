package org.jxapi.extensions.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "jxapi XenAPI extensions and host plugins",
        description = "Where extension and plugin executables live and how long they may run")
@interface ExtensionsConfig {
    @AttributeDefinition(name = "Hook root",
            description = "Directory holding extensions/ and plugins/; empty means ${karaf.etc}/xapi.d in the"
                    + " distribution, /etc/xapi.d elsewhere (the original's place)")
    String hooks_root() default "";

    @AttributeDefinition(name = "Timeout", description = "Seconds an extension or plugin executable may run before it is killed")
    long timeout_seconds() default 300;
}
