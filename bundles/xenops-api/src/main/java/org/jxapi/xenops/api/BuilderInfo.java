package org.jxapi.xenops.api;

/** How a domain is built: fully virtualised ({@link HvmInfo}) or paravirtualised ({@link PvInfo}). */
public sealed interface BuilderInfo permits HvmInfo, PvInfo {
    /** True when the guest needs an emulator for its platform devices. */
    boolean hvm();
}
