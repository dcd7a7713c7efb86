package org.jxapi.sample.sr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.jxapi.storage.api.VdiInfo;
import org.jxapi.storage.spi.SrDriver;
import org.jxapi.storage.spi.SrDriverContract;

/** The sample keeps the SR driver contract, like every driver. */
class SampleSrDriverTest extends SrDriverContract {

    @Override
    protected SrDriver newDriver() {
        return new SampleSrDriver(1L << 40);
    }

    @Override
    protected Map<String, String> deviceConfig(Path dir) {
        return Map.of("location", dir.toString());
    }

    @Test
    void aVdiRecordedInTheOldPropertiesFormatKeepsItsName() throws Exception {
        Path dir = Path.of(ctx.deviceConfig().get("location"));
        String vdi = "0b0e7a5e-0000-4000-8000-000000000001";
        Files.write(dir.resolve(vdi + ".img"), new byte[0]);
        Files.writeString(dir.resolve(vdi + ".properties"),
                "name_label=old disk\nname_description=from before\ntype=user\ncontent_id=c\nsize=1048576\n");

        VdiInfo v = driver.srScan(ctx).get(0);
        assertEquals(List.of(vdi, vdi, "old disk", "from before", "c", MIB),
                List.of(v.vdi(), v.uuid(), v.nameLabel(), v.nameDescription(), v.contentId(), v.virtualSize()));
        assertTrue(Files.exists(dir.resolve(vdi + ".json")), "rewritten as JSON");
        assertFalse(Files.exists(dir.resolve(vdi + ".properties")), "converted once");
        driver.vdiSetNameLabel(ctx, vdi, "new name");
        assertEquals("new name", driver.vdiStat(ctx, vdi).nameLabel());
    }
}
