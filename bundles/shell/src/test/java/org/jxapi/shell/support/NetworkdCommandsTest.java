package org.jxapi.shell.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxapi.api.CallContexts;
import org.jxapi.db.Database;
import org.jxapi.db.Row;
import org.jxapi.networkd.api.Networkd;
import org.jxapi.networkd.impl.NetworkdService;
import org.jxapi.networkd.simulator.impl.SimulatorBackend;
import org.jxapi.shell.network.NetworkCreateCommand;
import org.jxapi.shell.network.PifPlugCommand;
import org.jxapi.shell.network.PifReconfigureIpCommand;
import org.jxapi.shell.network.PifScanCommand;
import org.jxapi.shell.network.PifUnplugCommand;
import org.jxapi.shell.network.TunnelCreateCommand;
import org.jxapi.shell.network.TunnelDestroyCommand;
import org.jxapi.xapi.network.impl.NetworkCore;
import org.jxapi.xapi.network.impl.NetworkLifecycle;
import org.jxapi.xapi.network.impl.PifMessages;
import org.jxapi.xapi.network.impl.TunnelMessages;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.api.PifApi;
import org.jxapi.xenapi.model.api.TunnelApi;
import org.osgi.util.converter.Converters;

/** The network commands that drive networkd: the real engine over its simulator (NICs sim0, sim1). */
class NetworkdCommandsTest {
    @TempDir
    Path dir;
    private ShellFixture f;
    private Networkd networkd;
    private String host;

    @BeforeEach
    void start() throws Exception {
        f = new ShellFixture(dir);
        Ref<Object> h = f.db.write(tx -> {
            Ref<Object> r = tx.create("host", Map.of("name_label", "h"));
            tx.create("pool", Map.of("master", r));
            return r;
        });
        host = f.db.snapshot().require("host", h).uuid();
        networkd = NetworkdService.open("test", SimulatorBackend.create(), dir.resolve("networkd.db"));
        Class<?> configType = Class.forName("org.jxapi.xapi.network.impl.XapiNetworkConfig");
        Object config = Converters.standardConverter().convert(Map.of("first.start", false)).to(configType);
        NetworkCore core = NetworkCore.class.getConstructor(Database.class, Networkd.class, CallContexts.class, configType)
                .newInstance(f.db, networkd, f.core, config);
        f.core.explicit().add(new PifMessages(core), PifApi.class, 0, 1);
        f.core.explicit().add(new TunnelMessages(core), TunnelApi.class, 0, 2);
        f.core.explicit().addLifecycle(new NetworkLifecycle(core), "network", 0, 3);
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    private String pifUuid(String device) {
        for (Row p : f.db.snapshot().table("PIF")) {
            if (device.equals(p.get("device"))) {
                return p.uuid();
            }
        }
        throw new AssertionError("no PIF " + device);
    }

    @Test
    void pifScanIntroducesTheNicsAndPlugUnplugDriveTheirBridges() throws Exception {
        f.run(new PifScanCommand(), "root", "host-uuid=" + host);
        String sim1 = pifUuid("sim1");
        assertTrue(f.run(new org.jxapi.shell.network.PifListCommand(), "root").contains("sim0"));
        f.run(new PifPlugCommand(), "root", "uuid=" + sim1);
        assertTrue(networkd.bridgeGetAll("t").contains("xenbr1"), networkd.bridgeGetAll("t").toString());
        f.run(new PifUnplugCommand(), "root", "uuid=" + sim1);
        assertTrue(!networkd.bridgeGetAll("t").contains("xenbr1"));
        CommandException none = assertThrows(CommandException.class, () -> f.run(new PifScanCommand(), "root"));
        assertTrue(none.getNiceHelp().contains("host-uuid"), none.getNiceHelp());
    }

    @Test
    void tunnelCreateNeedsAConfiguredPifAndTunnelDestroyRemovesIt() throws Exception {
        f.run(new PifScanCommand(), "root", "host-uuid=" + host);
        String sim1 = pifUuid("sim1");
        String net = f.run(new NetworkCreateCommand(), "root", "name-label=overlay").trim();
        CommandException bare = assertThrows(CommandException.class, () -> f.run(new TunnelCreateCommand(), "root",
                "pif-uuid=" + sim1, "network-uuid=" + net, "protocol=vxlan"));
        assertTrue(bare.getNiceHelp().startsWith("Error code: TRANSPORT_PIF_NOT_CONFIGURED"), bare.getNiceHelp());
        f.run(new PifReconfigureIpCommand(), "root", "uuid=" + sim1, "mode=static", "IP=198.51.100.2", "netmask=255.255.255.0");
        String tunnel = f.run(new TunnelCreateCommand(), "root", "pif-uuid=" + sim1, "network-uuid=" + net,
                "protocol=vxlan").trim();
        assertEquals("vxlan", f.db.snapshot().table("tunnel").byUuid(tunnel).get("protocol").toString());
        f.run(new TunnelDestroyCommand(), "root", "uuid=" + tunnel);
        assertEquals(0, f.db.snapshot().table("tunnel").size());
    }
}
