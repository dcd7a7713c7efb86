package org.jxapi.storage.mux.impl;

import java.io.UncheckedIOException;
import java.util.List;

import org.jxapi.storage.spi.SmError;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.XenApiException;

/**
 * Turns driver failures into the XenAPI errors the original raises: SM codes become
 * {@code SR_BACKEND_FAILURE_<code>} with parameters {@code ["", reason, stderr]}, except the codes
 * the original names (16 SR_DEVICE_IN_USE, 24 VDI_IN_USE, 38 UNIMPLEMENTED_IN_SM_BACKEND,
 * 39 SR_NOT_EMPTY, 144 VDI_MISSING); XenAPI errors pass unchanged. A driver turns the failures of
 * the programs it runs into one of these itself: the process runner it uses (org.jxapi.common.exec)
 * is embedded in each driver bundle, so its exception is not a type this bundle could recognise.
 */
final class SmFailures {
    private SmFailures() {
    }

    static XenApiException toXenApi(RuntimeException e, String op, String sr, String vdi) {
        if (e instanceof XenApiException x) {
            return x;
        }
        if (e instanceof SmError s) {
            return switch (s.code()) {
                case 16 -> ErrorCodes.SR_DEVICE_IN_USE.error();
                case 24 -> ErrorCodes.VDI_IN_USE.error();
                case 38 -> ErrorCodes.UNIMPLEMENTED_IN_SM_BACKEND.error(s.reason().isEmpty() ? op : s.reason());
                case 39 -> ErrorCodes.SR_NOT_EMPTY.error();
                case 144 -> ErrorCodes.VDI_MISSING.error(sr == null ? "" : sr, vdi == null ? s.reason() : vdi);
                default -> new XenApiException(ErrorCodes.SR_BACKEND_FAILURE.name() + "_" + s.code(),
                        List.of("", s.reason(), s.stderr()), s);
            };
        }
        if (e instanceof UncheckedIOException io) {
            return new XenApiException(ErrorCodes.SR_BACKEND_FAILURE.name(),
                    List.of(op + ": " + io.getCause().getMessage(), "", ""), io);
        }
        return XenApiException.internal(e);
    }
}
