package org.jxapi.sm.smapiv3.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "jxapi SMAPIv3 plugins",
        description = "Where SMAPIv3 volume and datapath plugins live, and how they are run")
@interface Smapiv3Config {

    @AttributeDefinition(description = "Directory whose sub-directories are volume plugins; each is an SR type")
    String volume_root() default "/usr/libexec/xapi-storage-script/volume";

    @AttributeDefinition(description = "Directory whose sub-directories are datapath plugins, named by URI scheme")
    String datapath_root() default "/usr/libexec/xapi-storage-script/datapath";

    @AttributeDefinition(description = "Prefix stripped from a volume plugin directory's name to give its SR type")
    String type_prefix() default "org.xen.xapi.storage.";

    @AttributeDefinition(description = "Seconds one plugin script may run before it is killed")
    int script_timeout_seconds() default 300;

    @AttributeDefinition(description = "Seconds between rescans of the plugin directories (changes are also watched)")
    int rescan_seconds() default 5;
}
