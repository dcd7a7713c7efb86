package org.jxapi.sm.iso.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxapi.storage.api.VdiInfo;
import org.jxapi.storage.mux.impl.StorageMux;
import org.jxapi.xenapi.model.XenApiException;

/** The ISO library through the storage multiplexer. */
class IsoSrTest {
    @TempDir
    Path lib;
    private StorageMux mux;
    private final String sr = UUID.randomUUID().toString();

    @BeforeEach
    void setUp() throws Exception {
        mux = new StorageMux();
        mux.addDriver(new IsoSrDriver(), Map.of("sr.type", "iso"));
        Files.write(lib.resolve("debian.iso"), new byte[] {1, 2, 3, 4});
        Files.write(lib.resolve("README.txt"), new byte[] {9});
        mux.srCreate("t", "iso", sr, "ISOs", "", Map.of("location", lib.toString()), 0);
        mux.srAttach("t", sr, "iso", Map.of("location", lib.toString()));
    }

    @AfterEach
    void tearDown() {
        mux.close();
    }

    private static XenApiException fails(Runnable r) {
        return assertThrows(XenApiException.class, r::run);
    }

    @Test
    void isoFilesAreReadOnlyVdisNamedAfterTheirFile() throws Exception {
        List<VdiInfo> scan = mux.srScan("t", sr);
        assertEquals(1, scan.size());
        VdiInfo v = scan.get(0);
        assertEquals("debian.iso", v.vdi());
        assertTrue(v.readOnly());
        assertEquals(4, v.virtualSize());
        Files.write(lib.resolve("new.iso"), new byte[10]);
        assertEquals(2, mux.srScan("t", sr).size(), "files dropped in appear at the next scan");
        assertEquals(v.uuid(), mux.vdiStat("t", sr, "debian.iso").uuid(), "UUIDs are stable");

        assertEquals("VDI_READONLY", fails(() -> mux.vdiAttach("t", "cd", sr, "debian.iso", "1", true)).code());
        mux.vdiAttach("t", "cd", sr, "debian.iso", "1", false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mux.exportRaw("t", sr, "debian.iso", out, null);
        assertArrayEquals(new byte[] {1, 2, 3, 4}, out.toByteArray());
        assertEquals("SR_OPERATION_NOT_SUPPORTED", fails(() -> mux.vdiDestroy("t", sr, "debian.iso")).code());
        assertEquals("UNIMPLEMENTED_IN_SM_BACKEND", fails(() -> mux.srDestroy("t", sr)).code());
    }

    @Test
    void badConfigurationGetsTheIsoDriversCodes() {
        String other = UUID.randomUUID().toString();
        assertEquals("SR_BACKEND_FAILURE_220", fails(() -> mux.srCreate("t", "iso", other, "", "", Map.of(), 0)).code());
        assertEquals("SR_BACKEND_FAILURE_226", fails(() -> mux.srAttach("t", other, "iso",
                Map.of("location", lib.resolve("absent").toString()))).code());
        assertEquals("SR_BACKEND_FAILURE_221", fails(() -> mux.vdiIntroduce("t", sr, "", Map.of(), "disk.img")).code());
        assertEquals("VDI_LOCATION_MISSING", fails(() -> mux.vdiIntroduce("t", sr, "", Map.of(), "gone.iso")).code());
        assertEquals("VDI_MISSING", fails(() -> mux.vdiStat("t", sr, "README.txt")).code());
    }
}
