package org.jxapi.xenops.api;

/**
 * The xenops interface's errors, by their wire names. {@link #shape()} gives the parameter types on
 * the wire, one letter each: {@code s} string, {@code i} int, {@code l} int64, {@code f} float,
 * {@code S} the rest as a list of strings; empty for none.
 */
public enum XenopsErrorCode {
    ALREADY_EXISTS("Already_exists", "ss"),
    DOES_NOT_EXIST("Does_not_exist", "ss"),
    UNIMPLEMENTED("Unimplemented", "s"),
    DOMAIN_NOT_BUILT("Domain_not_built", ""),
    INVALID_VCPUS("Invalid_vcpus", "i"),
    BAD_POWER_STATE("Bad_power_state", "ss"),
    FAILED_TO_ACKNOWLEDGE_SHUTDOWN_REQUEST("Failed_to_acknowledge_shutdown_request", ""),
    FAILED_TO_ACKNOWLEDGE_SUSPEND_REQUEST("Failed_to_acknowledge_suspend_request", ""),
    FAILED_TO_SHUTDOWN("Failed_to_shutdown", "sf"),
    FAILED_TO_SUSPEND("Failed_to_suspend", "sf"),
    DEVICE_IS_CONNECTED("Device_is_connected", ""),
    DEVICE_NOT_CONNECTED("Device_not_connected", ""),
    DEVICE_DETACH_REJECTED("Device_detach_rejected", "sss"),
    MEDIA_NOT_EJECTABLE("Media_not_ejectable", ""),
    MEDIA_PRESENT("Media_present", ""),
    MEDIA_NOT_PRESENT("Media_not_present", ""),
    NO_BOOTABLE_DEVICE("No_bootable_device", ""),
    BOOTLOADER_ERROR("Bootloader_error", "ss"),
    CANNOT_FREE_THIS_MUCH_MEMORY("Cannot_free_this_much_memory", "ll"),
    VMS_FAILED_TO_COOPERATE("Vms_failed_to_cooperate", "S"),
    IO_ERROR("IO_error", ""),
    FAILED_TO_CONTACT_REMOTE_SERVICE("Failed_to_contact_remote_service", "s"),
    HOOK_FAILED("Hook_failed", "ssss"),
    NOT_ENOUGH_MEMORY("Not_enough_memory", "l"),
    CANCELLED("Cancelled", "s"),
    STORAGE_BACKEND_ERROR("Storage_backend_error", "sS"),
    PCIBACK_NOT_LOADED("PCIBack_not_loaded", ""),
    FAILED_TO_RUN_SCRIPT("Failed_to_run_script", "s"),
    FAILED_TO_START_EMULATOR("Failed_to_start_emulator", "sss"),
    BALLOONING_TIMEOUT_BEFORE_MIGRATION("Ballooning_timeout_before_migration", ""),
    INTERNAL_ERROR("Internal_error", "s"),
    UNKNOWN_ERROR("Unknown_error", "");

    private final String wireName;
    private final String shape;

    XenopsErrorCode(String wireName, String shape) {
        this.wireName = wireName;
        this.shape = shape;
    }

    public String wireName() {
        return wireName;
    }

    public String shape() {
        return shape;
    }

    /** The code with that wire name; unknown names read as {@link #UNKNOWN_ERROR}, as in the original. */
    public static XenopsErrorCode ofWireName(String s) {
        for (XenopsErrorCode c : values()) {
            if (c.wireName.equals(s)) {
                return c;
            }
        }
        return UNKNOWN_ERROR;
    }
}
