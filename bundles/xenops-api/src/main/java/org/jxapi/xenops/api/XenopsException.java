package org.jxapi.xenops.api;

import java.util.List;

import org.jxapi.xenapi.model.XenApiException;

/**
 * A xenops failure. It is a {@link XenApiException} so that every failure crosses bundles as one
 * type, but its {@link #code()} is the xenops error name ({@code Does_not_exist}, ...): turning it
 * into a XenAPI error needs the caller's context (which VM ref, which operation), so that mapping
 * belongs to the xapi side.
 */
public class XenopsException extends XenApiException {
    private static final long serialVersionUID = 1L;
    private final transient XenopsError error;

    public XenopsException(XenopsError error) {
        this(error, null);
    }

    public XenopsException(XenopsError error, Throwable cause) {
        super(error.code().wireName(), error.params(), cause);
        this.error = error;
    }

    public XenopsError error() {
        return error;
    }

    public XenopsErrorCode errorCode() {
        return error.code();
    }

    public static XenopsException of(XenopsErrorCode code, String... params) {
        return new XenopsException(XenopsError.of(code, params));
    }

    public static XenopsException doesNotExist(String kind, String id) {
        return of(XenopsErrorCode.DOES_NOT_EXIST, kind, id);
    }

    public static XenopsException alreadyExists(String kind, String id) {
        return of(XenopsErrorCode.ALREADY_EXISTS, kind, id);
    }

    public static XenopsException unimplemented(String what) {
        return of(XenopsErrorCode.UNIMPLEMENTED, what);
    }

    public static XenopsException domainNotBuilt() {
        return of(XenopsErrorCode.DOMAIN_NOT_BUILT);
    }

    public static XenopsException invalidVcpus(int max) {
        return of(XenopsErrorCode.INVALID_VCPUS, Integer.toString(max));
    }

    public static XenopsException badPowerState(PowerState actual, PowerState expected) {
        return of(XenopsErrorCode.BAD_POWER_STATE, actual.wireName(), expected.wireName());
    }

    public static XenopsException cancelled(String taskId) {
        return of(XenopsErrorCode.CANCELLED, taskId);
    }

    public static XenopsException deviceIsConnected() {
        return of(XenopsErrorCode.DEVICE_IS_CONNECTED);
    }

    public static XenopsException hookFailed(String script, String reason, String stdout, int exitCode) {
        return of(XenopsErrorCode.HOOK_FAILED, script, reason, stdout, Integer.toString(exitCode));
    }

    public static XenopsException internal(String message) {
        return of(XenopsErrorCode.INTERNAL_ERROR, message);
    }

    /** Any throwable as a xenops error: itself if it is one, else {@code Internal_error}. */
    public static XenopsException wrap(Throwable t) {
        if (t instanceof XenopsException x) {
            return x;
        }
        String m = t.getMessage() == null ? t.getClass().getName() : t.getClass().getSimpleName() + ": " + t.getMessage();
        return new XenopsException(new XenopsError(XenopsErrorCode.INTERNAL_ERROR, List.of(m)), t);
    }
}
