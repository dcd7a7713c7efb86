package org.jxapi.xenops.spi;

/** When a VM is renamed during migration. */
public enum RenameWhen {
    PRE_MIGRATION, POST_MIGRATION
}
