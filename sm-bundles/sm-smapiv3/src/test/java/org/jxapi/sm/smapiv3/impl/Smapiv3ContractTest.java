package org.jxapi.sm.smapiv3.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jxapi.storage.spi.SrDriver;
import org.jxapi.storage.spi.SrDriverContract;
import org.jxapi.xenapi.model.XenApiException;

/** The sample shell plugin, driven through the SMAPIv3 translation, keeps the SR driver contract. */
class Smapiv3ContractTest extends SrDriverContract {

    @Override
    protected SrDriver newDriver() {
        ScriptRunner runner = new ScriptRunner(Duration.ofSeconds(30));
        Path volume = SamplePlugins.install("volume", SamplePlugins.VOLUME, tmp.resolve("volume"));
        Path datapath = SamplePlugins.install("datapath", SamplePlugins.DATAPATH, tmp.resolve("datapath"));
        Datapaths datapaths = new Datapaths();
        datapaths.put("file", new Datapaths.Plugin(datapath, List.of()));
        @SuppressWarnings("unchecked")
        Map<String, Object> query = (Map<String, Object>) runner.call(volume, "Plugin.query", Map.of("dbg", "t"));
        return new Smapiv3Driver("shfile", volume, query, runner, datapaths);
    }

    @Override
    protected Map<String, String> deviceConfig(Path dir) {
        return Map.of("path", dir.toString());
    }

    /** SMAPIv3 plugins report a missing volume with their own error, which passes through as it is. */
    @Override
    protected void assertVdiMissing(RuntimeException e) {
        assertTrue(e instanceof XenApiException, e.toString());
        assertEquals("Volume_does_not_exist", ((XenApiException) e).code());
    }
}
