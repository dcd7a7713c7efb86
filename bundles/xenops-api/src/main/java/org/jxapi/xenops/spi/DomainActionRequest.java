package org.jxapi.xenops.spi;

/** What a domain asks for: the answer to "what makes this VM valid again?". */
public enum DomainActionRequest {
    NEEDS_POWEROFF, NEEDS_REBOOT, NEEDS_SUSPEND, NEEDS_CRASHDUMP, NEEDS_SOFTRESET
}
