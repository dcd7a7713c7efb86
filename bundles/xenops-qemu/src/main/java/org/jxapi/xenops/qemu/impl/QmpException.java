package org.jxapi.xenops.qemu.impl;

/** A QMP command failed: qemu's error class (GenericError, DeviceNotFound...) and description. */
final class QmpException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String errorClass;

    QmpException(String command, String errorClass, String description) {
        super(command + ": " + errorClass + ": " + description);
        this.errorClass = errorClass;
    }

    String errorClass() {
        return errorClass;
    }
}
