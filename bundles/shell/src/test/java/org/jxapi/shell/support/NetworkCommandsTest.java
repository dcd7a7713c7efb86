package org.jxapi.shell.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxapi.api.CallContexts;
import org.jxapi.db.Database;
import org.jxapi.db.Row;
import org.jxapi.networkd.api.Networkd;
import org.jxapi.shell.network.BondCreateCommand;
import org.jxapi.shell.network.BondDestroyCommand;
import org.jxapi.shell.network.NetworkCreateCommand;
import org.jxapi.shell.network.NetworkDestroyCommand;
import org.jxapi.shell.network.PifListCommand;
import org.jxapi.shell.network.PifParamListCommand;
import org.jxapi.shell.network.PifPlugCommand;
import org.jxapi.shell.network.PifReconfigureIpCommand;
import org.jxapi.shell.network.PifUnplugCommand;
import org.jxapi.shell.network.VlanCreateCommand;
import org.jxapi.shell.network.VlanDestroyCommand;
import org.jxapi.xapi.network.impl.BondMessages;
import org.jxapi.xapi.network.impl.NetworkCore;
import org.jxapi.xapi.network.impl.NetworkLifecycle;
import org.jxapi.xapi.network.impl.PifMessages;
import org.jxapi.xapi.network.impl.VlanMessages;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.api.BondApi;
import org.jxapi.xenapi.model.api.PifApi;
import org.jxapi.xenapi.model.api.VlanApi;
import org.osgi.util.converter.Converters;

/**
 * The network xe commands over the real core and the real network messages, on PIFs that are
 * not plugged (the commands that need a networkd instance are the PIF messages' own tests).
 */
class NetworkCommandsTest {
    @TempDir
    Path dir;
    private ShellFixture f;
    private Ref<Object> host;

    @BeforeEach
    void start() throws Exception {
        f = new ShellFixture(dir);
        host = f.db.write(tx -> {
            Ref<Object> h = tx.create("host", Map.of("name_label", "h"));
            tx.create("pool", Map.of("master", h));
            return h;
        });
        Class<?> configType = Class.forName("org.jxapi.xapi.network.impl.XapiNetworkConfig");
        Object config = Converters.standardConverter().convert(Map.of("first.start", false)).to(configType);
        NetworkCore core = NetworkCore.class.getConstructor(Database.class, Networkd.class, CallContexts.class, configType)
                .newInstance(f.db, null, f.core, config);
        f.core.explicit().add(new PifMessages(core), PifApi.class, 0, 1);
        f.core.explicit().add(new VlanMessages(core), VlanApi.class, 0, 2);
        f.core.explicit().add(new BondMessages(core), BondApi.class, 0, 3);
        f.core.explicit().addLifecycle(new NetworkLifecycle(core), "network", 0, 4);
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    private String pif(String device) throws Exception {
        String net = f.run(new NetworkCreateCommand(), "root", "name-label=" + device + " network").trim();
        Ref<Object> network = f.db.snapshot().table("network").byUuid(net).ref().cast();
        Ref<Object> pif = f.db.write(tx -> tx.create("PIF", Map.of("device", device, "network", network, "host", host,
                "MAC", "02:00:00:00:00:0" + device.charAt(device.length() - 1), "physical", true, "VLAN", -1L,
                "currently_attached", false, "managed", true)));
        return f.db.snapshot().require("PIF", pif).uuid();
    }

    private Row byUuid(String cls, String uuid) {
        return f.db.snapshot().table(cls).byUuid(uuid);
    }

    @Test
    void networkCreatePrintsTheUuidOfANetworkOnBridgeXapi0AndNetworkDestroyRemovesIt() throws Exception {
        String uuid = f.run(new NetworkCreateCommand(), "root", "name-label=guests", "MTU=9000").trim();
        assertEquals("xapi0", byUuid("network", uuid).get("bridge"));
        assertEquals(9000L, byUuid("network", uuid).get("MTU"));
        f.run(new NetworkDestroyCommand(), "root", "uuid=" + uuid);
        assertEquals(null, byUuid("network", uuid));
        CommandException missing = assertThrows(CommandException.class, () -> f.run(new NetworkCreateCommand(), "root"));
        assertTrue(missing.getNiceHelp().contains("name-label"), missing.getNiceHelp());
    }

    @Test
    void networkDestroyOfANetworkWithAPifShowsTheXenApiError() throws Exception {
        String eth0 = pif("eth0");
        String net = byUuid("network", f.db.snapshot().require("network", (Ref<?>) byUuid("PIF", eth0).get("network")).uuid()).uuid();
        CommandException e = assertThrows(CommandException.class, () -> f.run(new NetworkDestroyCommand(), "root", "uuid=" + net));
        assertTrue(e.getNiceHelp().startsWith("Error code: NETWORK_CONTAINS_PIF"), e.getNiceHelp());
    }

    @Test
    void pifListAndParamListShowThePifs() throws Exception {
        String eth0 = pif("eth0");
        String list = f.run(new PifListCommand(), "root");
        assertTrue(list.contains(eth0) && list.contains("eth0") && list.contains("currently-attached"), list);
        String params = f.run(new PifParamListCommand(), "root", "uuid=" + eth0);
        assertTrue(params.contains("MAC") && params.contains("02:00:00:00:00:00"), params);
    }

    @Test
    void vlanCreateAndDestroy() throws Exception {
        String eth0 = pif("eth0");
        String net = f.run(new NetworkCreateCommand(), "root", "name-label=v100").trim();
        String vlan = f.run(new VlanCreateCommand(), "root", "pif-uuid=" + eth0, "vlan=100", "network-uuid=" + net).trim();
        assertEquals(100L, byUuid("VLAN", vlan).get("tag"));
        String other = f.run(new NetworkCreateCommand(), "root", "name-label=v5000").trim();
        CommandException bad = assertThrows(CommandException.class,
                () -> f.run(new VlanCreateCommand(), "root", "pif-uuid=" + eth0, "vlan=5000", "network-uuid=" + other));
        assertTrue(bad.getNiceHelp().startsWith("Error code: VLAN_TAG_INVALID"), bad.getNiceHelp());
        f.run(new VlanDestroyCommand(), "root", "uuid=" + vlan);
        assertEquals(null, byUuid("VLAN", vlan));
    }

    @Test
    void bondCreateAndDestroyAndAMemberCannotBePlugged() throws Exception {
        String eth0 = pif("eth0");
        String eth1 = pif("eth1");
        String net = f.run(new NetworkCreateCommand(), "root", "name-label=bond").trim();
        String bond = f.run(new BondCreateCommand(), "root", "network-uuid=" + net, "pif-uuids=" + eth0 + "," + eth1,
                "mode=active-backup").trim();
        assertEquals(2, ((Set<?>) byUuid("Bond", bond).get("slaves")).size());
        CommandException slave = assertThrows(CommandException.class, () -> f.run(new PifPlugCommand(), "root", "uuid=" + eth0));
        assertTrue(slave.getNiceHelp().startsWith("Error code: CANNOT_PLUG_BOND_SLAVE"), slave.getNiceHelp());
        CommandException mode = assertThrows(CommandException.class, () -> f.run(new BondCreateCommand(), "root",
                "network-uuid=" + net, "pif-uuids=" + eth0, "mode=fastest"));
        assertTrue(mode.getNiceHelp().contains("mode must be"), mode.getNiceHelp());
        f.run(new BondDestroyCommand(), "root", "uuid=" + bond);
        assertEquals(null, byUuid("Bond", bond));
    }

    @Test
    void pifReconfigureIpWritesTheConfigurationAndUnplugHonoursDisallowUnplug() throws Exception {
        String eth0 = pif("eth0");
        f.run(new PifReconfigureIpCommand(), "root", "uuid=" + eth0, "mode=static", "IP=192.0.2.4", "netmask=255.255.255.0");
        assertEquals("192.0.2.4", byUuid("PIF", eth0).get("IP"));
        CommandException ip = assertThrows(CommandException.class, () -> f.run(new PifReconfigureIpCommand(), "root",
                "uuid=" + eth0, "mode=static", "IP=999.0.2.4", "netmask=255.255.255.0"));
        assertTrue(ip.getNiceHelp().startsWith("Error code: INVALID_IP_ADDRESS_SPECIFIED"), ip.getNiceHelp());
        f.db.write(tx -> {
            tx.set("PIF", byUuid("PIF", eth0).ref(), "disallow_unplug", true);
            return null;
        });
        CommandException unplug = assertThrows(CommandException.class, () -> f.run(new PifUnplugCommand(), "root", "uuid=" + eth0));
        assertTrue(unplug.getNiceHelp().startsWith("Error code: PIF_DOES_NOT_ALLOW_UNPLUG"), unplug.getNiceHelp());
    }
}
