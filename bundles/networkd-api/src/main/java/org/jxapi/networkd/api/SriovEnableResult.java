package org.jxapi.networkd.api;

/** How {@code Sriov.enable} enabled the virtual functions: the original's {@code enable_action_result}. */
public enum SriovEnableResult {
    SYSFS_SUCCESSFUL, MODPROBE_SUCCESSFUL, MODPROBE_SUCCESSFUL_REQUIRES_REBOOT
}
