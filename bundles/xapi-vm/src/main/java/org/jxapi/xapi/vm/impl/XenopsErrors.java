package org.jxapi.xapi.vm.impl;

import java.util.ArrayList;
import java.util.List;

import org.jxapi.db.Reader;
import org.jxapi.db.Row;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.types.Vm;
import org.jxapi.xenops.api.PowerState;
import org.jxapi.xenops.api.XenopsError;
import org.jxapi.xenops.api.XenopsException;

/**
 * xenops failures as the XenAPI errors the original's transform_xenops_exn makes of them:
 * Bad_power_state becomes VM_BAD_POWER_STATE with the VM's reference, Cancelled becomes
 * TASK_CANCELLED of the call's task, most internal conditions become INTERNAL_ERROR.
 */
final class XenopsErrors {
    private XenopsErrors() {
    }

    static XenApiException translate(Reader r, Ref<?> vm, Ref<?> task, RuntimeException failure) {
        if (!(failure instanceof XenopsException x)) {
            return failure instanceof XenApiException xe ? xe : XenApiException.internal(failure);
        }
        XenopsError e = x.error();
        List<String> p = e.params();
        String vmRef = vm == null ? Ref.NULL_HANDLE : vm.handle();
        return switch (e.code()) {
            case INTERNAL_ERROR -> ErrorCodes.INTERNAL_ERROR.error("xenopsd internal error: " + first(p));
            case ALREADY_EXISTS -> ErrorCodes.INTERNAL_ERROR.error(
                    "Object with type " + at(p, 0) + " and id " + at(p, 1) + " already exists in xenopsd");
            case DOES_NOT_EXIST -> ErrorCodes.INTERNAL_ERROR.error(
                    "Object with type " + at(p, 0) + " and id " + at(p, 1) + " does not exist in xenopsd");
            case UNIMPLEMENTED -> ErrorCodes.NOT_IMPLEMENTED.error(first(p));
            case DOMAIN_NOT_BUILT -> ErrorCodes.INTERNAL_ERROR.error("domain has not been built");
            case INVALID_VCPUS -> ErrorCodes.INTERNAL_ERROR.error(
                    "the maximum number of vcpus configured for this VM is currently: " + first(p));
            case BAD_POWER_STATE -> ErrorCodes.VM_BAD_POWER_STATE.error(vmRef, power(at(p, 1)), power(at(p, 0)));
            case FAILED_TO_ACKNOWLEDGE_SHUTDOWN_REQUEST -> ErrorCodes.VM_FAILED_SHUTDOWN_ACKNOWLEDGMENT.error(vmRef);
            case FAILED_TO_ACKNOWLEDGE_SUSPEND_REQUEST -> ErrorCodes.VM_FAILED_SUSPEND_ACKNOWLEDGMENT.error(vmRef);
            case FAILED_TO_SHUTDOWN -> ErrorCodes.VM_SHUTDOWN_TIMEOUT.error(vmOf(r, at(p, 0), vmRef), at(p, 1));
            case FAILED_TO_SUSPEND -> ErrorCodes.VM_SUSPEND_TIMEOUT.error(vmOf(r, at(p, 0), vmRef), at(p, 1));
            case DEVICE_IS_CONNECTED -> ErrorCodes.INTERNAL_ERROR.error(
                    "Cannot remove device because it is connected to a VM");
            case DEVICE_NOT_CONNECTED -> ErrorCodes.INTERNAL_ERROR.error("Device is not connected");
            case DEVICE_DETACH_REJECTED -> ErrorCodes.DEVICE_DETACH_REJECTED.error(at(p, 0), at(p, 1), at(p, 2));
            case MEDIA_NOT_EJECTABLE -> ErrorCodes.INTERNAL_ERROR.error("the media in this drive cannot be ejected");
            case MEDIA_PRESENT -> ErrorCodes.INTERNAL_ERROR.error("there is already media in this drive");
            case MEDIA_NOT_PRESENT -> ErrorCodes.INTERNAL_ERROR.error("there is no media in this drive");
            case NO_BOOTABLE_DEVICE -> ErrorCodes.INTERNAL_ERROR.error("there is no bootable device");
            case BOOTLOADER_ERROR -> ErrorCodes.BOOTLOADER_FAILED.error(vmOf(r, at(p, 0), vmRef), at(p, 1));
            case CANNOT_FREE_THIS_MUCH_MEMORY -> ErrorCodes.HOST_NOT_ENOUGH_FREE_MEMORY.error(at(p, 0), at(p, 1));
            case VMS_FAILED_TO_COOPERATE -> {
                List<String> vms = new ArrayList<>();
                p.forEach(u -> vms.add(vmOf(r, u, u)));
                yield new XenApiException(ErrorCodes.VMS_FAILED_TO_COOPERATE.name(), vms, x);
            }
            case IO_ERROR -> ErrorCodes.VDI_IO_ERROR.error("I/O error saving VM suspend image");
            case FAILED_TO_CONTACT_REMOTE_SERVICE -> ErrorCodes.VM_MIGRATE_CONTACT_REMOTE_SERVICE_FAILED.error();
            case HOOK_FAILED -> ErrorCodes.XAPI_HOOK_FAILED.error(at(p, 0), at(p, 1), at(p, 2), at(p, 3));
            case NOT_ENOUGH_MEMORY -> ErrorCodes.INTERNAL_ERROR.error(
                    "there was not enough memory (needed " + first(p) + " bytes)");
            case CANCELLED -> ErrorCodes.TASK_CANCELLED.error(task == null ? Ref.NULL_HANDLE : task.handle());
            case STORAGE_BACKEND_ERROR -> new XenApiException(first(p), p.subList(Math.min(1, p.size()), p.size()), x);
            case PCIBACK_NOT_LOADED -> ErrorCodes.INTERNAL_ERROR.error("pciback has not loaded");
            case FAILED_TO_START_EMULATOR -> ErrorCodes.FAILED_TO_START_EMULATOR.error(vmOf(r, at(p, 0), vmRef),
                    at(p, 1), at(p, 2));
            case BALLOONING_TIMEOUT_BEFORE_MIGRATION -> ErrorCodes.BALLOONING_TIMEOUT_BEFORE_MIGRATION.error(vmRef);
            case FAILED_TO_RUN_SCRIPT -> ErrorCodes.XENAPI_PLUGIN_FAILURE.error(first(p));
            case UNKNOWN_ERROR -> ErrorCodes.INTERNAL_ERROR.error("Unknown error returned from xenopsd");
        };
    }

    private static String first(List<String> p) {
        return at(p, 0);
    }

    private static String at(List<String> p, int i) {
        return i < p.size() ? p.get(i) : "";
    }

    /** xenops power states as the original's vm_power_state_to_string writes them. */
    private static String power(String wire) {
        try {
            return PowerState.ofWireName(wire).wireName();
        } catch (IllegalArgumentException e) {
            return wire;
        }
    }

    private static String vmOf(Reader r, String uuid, String fallback) {
        Row vm = r == null ? null : r.table(Vm.CLASS).byUuid(uuid);
        return vm == null ? fallback : vm.ref().handle();
    }
}
