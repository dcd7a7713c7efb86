package org.jxapi.xenops.server.impl;

/** The hook points of the original: each is a directory of scripts under the hooks root. */
enum Hook {
    VM_PRE_DESTROY("vm-pre-shutdown"),
    VM_PRE_MIGRATE("vm-pre-migrate"),
    VM_POST_MIGRATE("vm-post-migrate"),
    VM_PRE_SUSPEND("vm-pre-suspend"),
    VM_PRE_START("vm-pre-start"),
    VM_PRE_REBOOT("vm-pre-reboot"),
    VM_PRE_RESUME("vm-pre-resume"),
    VM_POST_RESUME("vm-post-resume"),
    VM_POST_DESTROY("vm-post-destroy");

    static final String REASON_CLEAN_SHUTDOWN = "clean-shutdown";
    static final String REASON_HARD_SHUTDOWN = "hard-shutdown";
    static final String REASON_CLEAN_REBOOT = "clean-reboot";
    static final String REASON_HARD_REBOOT = "hard-reboot";
    static final String REASON_SUSPEND = "suspend";
    static final String REASON_MIGRATE_SOURCE = "source";
    static final String REASON_MIGRATE_DESTINATION = "destination";
    static final String REASON_NONE = "none";

    private final String directory;

    Hook(String directory) {
        this.directory = directory;
    }

    String directory() {
        return directory;
    }
}
