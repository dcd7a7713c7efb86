package org.jxapi.xenops.spi;

/** What a guest is asked to do by {@code request_shutdown}. */
public enum ShutdownRequest {
    HALT, REBOOT, POWEROFF, S3SUSPEND, SUSPEND
}
