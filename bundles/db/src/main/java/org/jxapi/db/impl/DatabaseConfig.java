package org.jxapi.db.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "jxapi database", description = "Where and how the XenAPI database is kept")
@interface DatabaseConfig {
    @AttributeDefinition(description = "Directory of the journal and state files; empty means ${karaf.data}/jxapi/db")
    String data_dir() default "";

    @AttributeDefinition(description = "Force every commit to disk before acknowledging it. Turning this off "
            + "loses acknowledged changes on a crash; only for throwaway test hosts")
    boolean fsync() default true;

    @AttributeDefinition(description = "Journal size in bytes after which the state is written to a state file "
            + "and the journal starts afresh")
    long journal_compact_bytes() default 64L << 20;

    @AttributeDefinition(description = "How many recent changes are kept for event readers; a reader further "
            + "behind is told that events were lost")
    int changelog_capacity() default 1 << 18;
}
