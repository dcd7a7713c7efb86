package org.jxapi.networkd.api;

import java.util.List;

import org.jxapi.xenapi.model.XenApiException;

/**
 * A networkd failure. A {@link XenApiException} so failures cross bundles as one type, with the
 * networkd error name as its code: the XenAPI error a client sees (PIF_CONFIGURATION_ERROR, ...)
 * depends on the call and belongs to the xapi side.
 */
public class NetworkdException extends XenApiException {
    private static final long serialVersionUID = 1L;
    private final NetworkdErrorCode errorCode;

    public NetworkdException(NetworkdErrorCode code, List<String> params, Throwable cause) {
        super(code.wireName(), params, cause);
        this.errorCode = code;
    }

    public NetworkdErrorCode errorCode() {
        return errorCode;
    }

    public static NetworkdException of(NetworkdErrorCode code, String... params) {
        return new NetworkdException(code, List.of(params), null);
    }

    public static NetworkdException doesNotExist(String kind, String name) {
        return of(NetworkdErrorCode.DOES_NOT_EXIST, kind, name);
    }

    public static NetworkdException notImplemented(String what) {
        return of(NetworkdErrorCode.NOT_IMPLEMENTED, what);
    }

    public static NetworkdException vlanInUse(String parent, int tag) {
        return of(NetworkdErrorCode.VLAN_IN_USE, parent, Integer.toString(tag));
    }

    public static NetworkdException kernelFeatureMissing(String feature, String detail) {
        return of(NetworkdErrorCode.KERNEL_FEATURE_MISSING, feature, detail);
    }

    public static NetworkdException internal(String message, Throwable cause) {
        return new NetworkdException(NetworkdErrorCode.INTERNAL_ERROR, List.of(message), cause);
    }

    /** Any throwable as a networkd error: itself if it is one, else {@code Internal_error}. */
    public static NetworkdException wrap(Throwable t) {
        if (t instanceof NetworkdException n) {
            return n;
        }
        return internal(String.valueOf(t.getMessage() == null ? t : t.getMessage()), t);
    }
}
