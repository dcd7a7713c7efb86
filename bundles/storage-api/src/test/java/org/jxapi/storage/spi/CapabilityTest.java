package org.jxapi.storage.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class CapabilityTest {

    @Test
    void featureStringsCarryVersionsAboveOne() {
        assertEquals("VDI_CREATE", Capability.VDI_CREATE.feature());
        assertEquals("VDI_RESET_ON_BOOT/2", Capability.VDI_RESET_ON_BOOT.feature());
        assertEquals(Capability.VDI_RESET_ON_BOOT, Capability.fromFeature("VDI_RESET_ON_BOOT/2"));
        assertNull(Capability.fromFeature("NO_SUCH_THING"));
    }

    @Test
    void smErrorFormatsReasonsAsTheOriginal() {
        SmError e = new SmError(SmErrorCode.VDI_SIZE, "too big");
        assertEquals(79, e.code());
        assertEquals("VDI Invalid size [opterr=too big]", e.reason());
        assertEquals("The request is missing the location parameter",
                new SmError(SmErrorCode.CONFIG_LOCATION_MISSING, null).reason());
    }
}
