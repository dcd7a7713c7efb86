package org.jxapi.storage.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxapi.storage.api.Backend;
import org.jxapi.storage.api.SrInfo;
import org.jxapi.storage.api.VdiInfo;
import org.jxapi.xenapi.model.XenApiException;

/**
 * The contract every SR driver keeps, run by each driver module as
 * {@code class MyDriverContractTest extends SrDriverContract}. It drives the driver directly, as
 * the multiplexer does: one SR created and attached per test in a fresh directory. For each
 * optional operation it checks the behaviour when the driver declares the capability, and the
 * "unimplemented" answer when it does not.
 */
public abstract class SrDriverContract {
    protected static final long MIB = 1024L * 1024L;

    @TempDir
    protected Path tmp;
    protected SrDriver driver;
    protected SrContext ctx;

    /** A fresh driver instance for one test. */
    protected abstract SrDriver newDriver() throws Exception;

    /** The device config that puts an SR under {@code dir} (an empty directory). */
    protected abstract Map<String, String> deviceConfig(Path dir);

    /** Makes a VDI of about {@code size} bytes; drivers without VDI_CREATE override this. */
    protected VdiInfo provisionVdi(long size) throws Exception {
        return driver.vdiCreate(ctx, VdiInfo.builder().nameLabel("contract").nameDescription("made by the contract")
                .virtualSize(size).build());
    }

    /** Releases what {@link #newDriver()} started. */
    protected void closeDriver(SrDriver d) throws Exception {
    }

    @BeforeEach
    void createAndAttach() throws Exception {
        driver = newDriver();
        ctx = new SrContext("contract", UUID.randomUUID().toString(), deviceConfig(tmp.resolve("sr")));
        Map<String, String> kept = driver.srCreate(ctx, "contract SR", "an SR of the contract test", 0);
        ctx = new SrContext(ctx.dbg(), ctx.sr(), kept);
        driver.srAttach(ctx);
    }

    @AfterEach
    void detach() throws Exception {
        try {
            driver.srDetach(ctx);
        } finally {
            closeDriver(driver);
        }
    }

    protected boolean has(Capability c) {
        return driver.info().has(c);
    }

    /** Asserts that {@code op} fails as an unimplemented operation does. */
    protected static void assertUnimplemented(Supplier<?> op) {
        RuntimeException e = assertThrows(RuntimeException.class, op::get);
        if (e instanceof SmError s) {
            assertEquals(SmErrorCode.UNIMPLEMENTED.value(), s.code(), "SM code of " + s);
        } else if (e instanceof XenApiException x) {
            assertTrue(x.code().equals("UNIMPLEMENTED_IN_SM_BACKEND") || x.code().equals("SR_OPERATION_NOT_SUPPORTED"),
                    "unexpected " + x);
        } else {
            fail("not an SM failure: " + e);
        }
    }

    /**
     * Asserts that {@code e} says "no such VDI": SM code 144 or XenAPI VDI_MISSING. Drivers that
     * pass on their backend's own error (SMAPIv3 plugins) override this.
     */
    protected void assertVdiMissing(RuntimeException e) {
        if (e instanceof SmError s) {
            assertEquals(SmErrorCode.VDI_MISSING.value(), s.code(), "SM code of " + s);
        } else if (e instanceof XenApiException x) {
            assertEquals("VDI_MISSING", x.code(), "XenAPI error " + x);
        } else {
            fail("not an SM failure: " + e);
        }
    }

    private VdiInfo find(String vdi) {
        return driver.srScan(ctx).stream().filter(v -> v.vdi().equals(vdi)).findFirst().orElse(null);
    }

    @Test
    public void infoDescribesTheDriver() {
        DriverInfo info = driver.info();
        assertFalse(info.name().isBlank(), "name");
        assertNotNull(info.capabilities());
        for (ConfigKey k : info.configuration()) {
            assertFalse(k.description().isBlank(), "description of " + k.key());
        }
    }

    @Test
    public void freshSrScansEmptyAndReportsSpace() {
        assertEquals(List.of(), driver.srScan(ctx));
        SrInfo s = driver.srStat(ctx);
        assertTrue(s.totalSpace() >= s.freeSpace() && s.freeSpace() >= 0, "space " + s);
    }

    @Test
    public void createdVdiHasAtLeastItsSizeAndIsScanned() throws Exception {
        if (!has(Capability.VDI_CREATE)) {
            assertUnimplemented(() -> driver.vdiCreate(ctx, VdiInfo.builder().virtualSize(MIB).build()));
            return;
        }
        VdiInfo v = provisionVdi(MIB + 1);
        assertTrue(v.virtualSize() >= MIB + 1, "size " + v.virtualSize());
        assertFalse(v.vdi().isEmpty(), "location");
        VdiInfo scanned = find(v.vdi());
        assertNotNull(scanned, "scan shows " + v.vdi());
        assertEquals("contract", scanned.nameLabel());
        assertEquals(v.virtualSize(), driver.vdiStat(ctx, v.vdi()).virtualSize());
    }

    @Test
    public void negativeSizeIsRefusedAndLeavesNothing() {
        if (!has(Capability.VDI_CREATE)) {
            return;
        }
        SmError e = assertThrows(SmError.class,
                () -> driver.vdiCreate(ctx, VdiInfo.builder().nameLabel("bad").virtualSize(-1).build()));
        assertEquals(SmErrorCode.VDI_SIZE.value(), e.code());
        assertEquals(List.of(), driver.srScan(ctx));
    }

    @Test
    public void namesSurviveDetachAndAttach() throws Exception {
        VdiInfo v = provisionVdi(MIB);
        try {
            driver.vdiSetNameLabel(ctx, v.vdi(), "renamed");
        } catch (SmError e) {
            assertEquals(SmErrorCode.UNIMPLEMENTED.value(), e.code());
            return;
        }
        driver.vdiSetNameDescription(ctx, v.vdi(), "described");
        driver.srDetach(ctx);
        driver.srAttach(ctx);
        VdiInfo again = find(v.vdi());
        assertNotNull(again);
        assertEquals("renamed", again.nameLabel());
        assertEquals("described", again.nameDescription());
    }

    @Test
    public void destroyedVdiIsGone() throws Exception {
        VdiInfo v = provisionVdi(MIB);
        if (!has(Capability.VDI_DELETE)) {
            assertUnimplemented(() -> {
                driver.vdiDestroy(ctx, v.vdi());
                return null;
            });
            return;
        }
        driver.vdiDestroy(ctx, v.vdi());
        assertEquals(null, find(v.vdi()));
        assertVdiMissing(assertThrows(RuntimeException.class, () -> driver.vdiStat(ctx, v.vdi())));
    }

    @Test
    public void snapshotIsReadOnlyAndNamesItsSource() throws Exception {
        VdiInfo v = provisionVdi(MIB);
        if (!has(Capability.VDI_SNAPSHOT)) {
            assertUnimplemented(() -> driver.vdiSnapshot(ctx, v));
            return;
        }
        VdiInfo s = driver.vdiSnapshot(ctx, v);
        assertTrue(s.isASnapshot(), "is_a_snapshot");
        assertTrue(s.readOnly(), "read_only");
        assertEquals(v.vdi(), s.snapshotOf());
        assertEquals(v.virtualSize(), s.virtualSize());
        VdiInfo scanned = find(s.vdi());
        assertNotNull(scanned);
        assertTrue(scanned.isASnapshot());
        assertNotNull(find(v.vdi()), "the source is still there");
    }

    @Test
    public void cloneIsWritable() throws Exception {
        VdiInfo v = provisionVdi(MIB);
        if (!has(Capability.VDI_CLONE)) {
            assertUnimplemented(() -> driver.vdiClone(ctx, v));
            return;
        }
        VdiInfo c = driver.vdiClone(ctx, v);
        assertFalse(c.readOnly(), "read_only");
        assertFalse(c.vdi().equals(v.vdi()), "a new location");
        assertEquals(v.virtualSize(), c.virtualSize());
        assertNotNull(find(c.vdi()));
    }

    @Test
    public void resizeGrowsAndNeverShrinks() throws Exception {
        VdiInfo v = provisionVdi(MIB);
        if (!has(Capability.VDI_RESIZE)) {
            assertUnimplemented(() -> driver.vdiResize(ctx, v.vdi(), 2 * MIB));
            return;
        }
        long size = driver.vdiResize(ctx, v.vdi(), 4 * MIB);
        assertTrue(size >= 4 * MIB, "new size " + size);
        assertEquals(size, driver.vdiStat(ctx, v.vdi()).virtualSize());
        assertThrows(RuntimeException.class, () -> driver.vdiResize(ctx, v.vdi(), MIB));
        assertEquals(size, driver.vdiStat(ctx, v.vdi()).virtualSize());
    }

    @Test
    public void attachActivateDeactivateDetach() throws Exception {
        VdiInfo v = provisionVdi(MIB);
        boolean rw = !v.readOnly();
        Backend b = driver.vdiAttach(ctx, v.vdi(), "0", rw);
        assertFalse(b.implementations().isEmpty(), "an implementation");
        driver.vdiActivate(ctx, v.vdi(), "0", rw);
        driver.vdiDeactivate(ctx, v.vdi(), "0");
        driver.vdiDetach(ctx, v.vdi(), "0");
    }

    @Test
    public void unknownVdiIsMissing() {
        assertVdiMissing(assertThrows(RuntimeException.class, () -> driver.vdiStat(ctx, "no-such-vdi")));
    }
}
