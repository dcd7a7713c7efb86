package org.jxapi.xenops.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.XenopsErrorCode;
import org.jxapi.xenops.api.XenopsException;

/**
 * What the per-object contracts ({@link VmContract}, {@link VbdContract}, {@link VifContract},
 * {@link UpdatesContract}) need of the backend module that runs them; {@link XenopsBackendContract}
 * provides it and runs them all.
 */
public interface BackendContract {
    /** The backend under test, fresh for each test. */
    XenopsBackend backend();

    Task task();

    /** A VM under management without a domain; its domain is destroyed after the test. */
    Vm newVm();

    /** A VM whose domain is built, has its device model and runs. */
    Vm running();

    static void assertError(XenopsErrorCode code, Runnable r) {
        XenopsException e = assertThrows(XenopsException.class, r::run);
        assertEquals(code, e.errorCode(), e.getMessage());
    }
}
