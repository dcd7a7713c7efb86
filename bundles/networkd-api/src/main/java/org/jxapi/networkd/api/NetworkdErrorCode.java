package org.jxapi.networkd.api;

/**
 * The networkd interface's errors by their wire names: the original's {@code errors} plus jxapi's
 * (marked). Parameters are strings.
 */
public enum NetworkdErrorCode {
    SCRIPT_MISSING("Script_missing"),
    SCRIPT_ERROR("Script_error"),
    READ_ERROR("Read_error"),
    WRITE_ERROR("Write_error"),
    NOT_IMPLEMENTED("Not_implemented"),
    /** The bridge and VLAN tag already used by another bridge. */
    VLAN_IN_USE("Vlan_in_use"),
    PVS_PROXY_CONNECTION_ERROR("PVS_proxy_connection_error"),
    INTERNAL_ERROR("Internal_error"),
    UNKNOWN_ERROR("Unknown_error"),
    /** jxapi: the named interface or bridge does not exist; params: kind, name. */
    DOES_NOT_EXIST("Does_not_exist"),
    /** jxapi: the kernel lacks what the call needs (no 8021q, no bonding); params: feature, detail. */
    KERNEL_FEATURE_MISSING("Kernel_feature_missing"),
    /** jxapi: a protected interface (configured outside networkd, e.g. the machine's own) would change; params: name. */
    INTERFACE_PROTECTED("Interface_protected");

    private final String wireName;

    NetworkdErrorCode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static NetworkdErrorCode ofWireName(String name) {
        for (NetworkdErrorCode c : values()) {
            if (c.wireName.equals(name)) {
                return c;
            }
        }
        return UNKNOWN_ERROR;
    }
}
