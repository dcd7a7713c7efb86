package org.jxapi.networkd.api;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One networkd instance: the original's networkd calls with the debug string first, plus jxapi's
 * {@code Vif.*} and {@code get_diagnostics}. Each instance is an OSGi service with the property
 * {@code networkd.instance=<name>} and serves the same calls as JSON-RPC on its Unix socket.
 *
 * <p>As in the original: queries ask the system, not a cache; every call is idempotent (doing it
 * twice is doing it once); networkd changes only what it is asked to. Failures are
 * {@link NetworkdException}s.
 */
@ProviderType
public interface Networkd {
    /** This instance's name, e.g. {@code default}. */
    String instanceName();

    @NetworkdCall("get_diagnostics")
    Diagnostics getDiagnostics(String dbg);

    /** Forgets the remembered configuration (networkd.db) without touching the system. */
    @NetworkdCall("clear_state")
    void clearState(String dbg);

    /** Forgets the remembered configuration and writes the empty one. */
    @NetworkdCall("reset_state")
    void resetState(String dbg);

    @NetworkdCall(value = "set_gateway_interface", params = {"name"})
    void setGatewayInterface(String dbg, String name);

    @NetworkdCall(value = "set_dns_interface", params = {"name"})
    void setDnsInterface(String dbg, String name);

    // Interface

    @NetworkdCall("Interface.get_all")
    List<String> interfaceGetAll(String dbg);

    @NetworkdCall(value = "Interface.exists", params = {"name"})
    boolean interfaceExists(String dbg, String name);

    @NetworkdCall(value = "Interface.get_mac", params = {"name"})
    String interfaceGetMac(String dbg, String name);

    /** The PCI address of a physical NIC, e.g. {@code 0000:00:03.0}; empty for virtual ones. */
    @NetworkdCall(value = "Interface.get_pci_bus_path", params = {"name"})
    String interfaceGetPciBusPath(String dbg, String name);

    @NetworkdCall(value = "Interface.is_up", params = {"name"})
    boolean interfaceIsUp(String dbg, String name);

    @NetworkdCall(value = "Interface.get_ipv4_addr", params = {"name"})
    List<Address> interfaceGetIpv4Addr(String dbg, String name);

    @NetworkdCall(value = "Interface.set_ipv4_conf", params = {"name", "conf"})
    void interfaceSetIpv4Conf(String dbg, String name, Ipv4Conf conf);

    /** The gateway of the default route through this interface, null for none. */
    @NetworkdCall(value = "Interface.get_ipv4_gateway", params = {"name"})
    String interfaceGetIpv4Gateway(String dbg, String name);

    @NetworkdCall(value = "Interface.get_ipv6_addr", params = {"name"})
    List<Address> interfaceGetIpv6Addr(String dbg, String name);

    @NetworkdCall(value = "Interface.get_dns", params = {"name"})
    Dns interfaceGetDns(String dbg, String name);

    @NetworkdCall(value = "Interface.get_mtu", params = {"name"})
    int interfaceGetMtu(String dbg, String name);

    @NetworkdCall(value = "Interface.get_capabilities", params = {"name"})
    List<String> interfaceGetCapabilities(String dbg, String name);

    /** Whether the interface has carrier. */
    @NetworkdCall(value = "Interface.is_connected", params = {"name"})
    boolean interfaceIsConnected(String dbg, String name);

    @NetworkdCall(value = "Interface.is_physical", params = {"name"})
    boolean interfaceIsPhysical(String dbg, String name);

    @NetworkdCall(value = "Interface.has_vlan", params = {"name", "vlan"})
    boolean interfaceHasVlan(String dbg, String name, int vlan);

    @NetworkdCall(value = "Interface.bring_down", params = {"name"})
    void interfaceBringDown(String dbg, String name);

    @NetworkdCall(value = "Interface.is_persistent", params = {"name"})
    boolean interfaceIsPersistent(String dbg, String name);

    @NetworkdCall(value = "Interface.set_persistent", params = {"name", "value"})
    void interfaceSetPersistent(String dbg, String name, boolean value);

    /** jxapi: carrier, speed and duplex, for PIF_metrics. */
    @NetworkdCall(value = "Interface.get_link", params = {"name"})
    Link interfaceGetLink(String dbg, String name);

    /**
     * Applies each interface's whole configuration and brings it up; what already matches is left
     * alone. {@code conservative}: only persistent interfaces (the start-up replay).
     */
    @NetworkdCall(value = "Interface.make_config", params = {"conservative", "config"}, pairs = {"config"})
    void interfaceMakeConfig(String dbg, boolean conservative, Map<String, InterfaceConfig> config);

    // Bridge

    @NetworkdCall("Bridge.get_all")
    List<String> bridgeGetAll(String dbg);

    /** Creates a bridge (a fake bridge of {@code vlan}'s parent when given); nothing if it exists as asked. */
    @NetworkdCall(value = "Bridge.create", params = {"vlan", "mac", "igmp_snooping", "other_config", "name"},
            options = {"vlan", "mac", "igmp_snooping"}, pairs = {"other_config"})
    void bridgeCreate(String dbg, Vlan vlan, String mac, Boolean igmpSnooping, Map<String, String> otherConfig,
            String name);

    /** Destroys a bridge; without {@code force} only if it has no ports but its own interfaces. */
    @NetworkdCall(value = "Bridge.destroy", params = {"force", "name"})
    void bridgeDestroy(String dbg, boolean force, String name);

    @NetworkdCall("Bridge.get_kind")
    Kind bridgeGetKind(String dbg);

    /** Ports and their interfaces; {@code fromCache}: from the remembered configuration, not the system. */
    @NetworkdCall(value = "Bridge.get_all_ports", params = {"from_cache"}, pairs = {"result"})
    Map<String, List<String>> bridgeGetAllPorts(String dbg, boolean fromCache);

    @NetworkdCall(value = "Bridge.get_all_bonds", params = {"from_cache"}, pairs = {"result"})
    Map<String, List<String>> bridgeGetAllBonds(String dbg, boolean fromCache);

    @NetworkdCall(value = "Bridge.set_persistent", params = {"name", "value"})
    void bridgeSetPersistent(String dbg, String name, boolean value);

    /** Adds (or makes equal) a port: one interface, a bond of several, or a tunnel. */
    @NetworkdCall(value = "Bridge.add_port", params = {"bond_mac", "bridge", "name", "interfaces", "bond_properties",
            "tunnel"}, options = {"bond_mac", "tunnel"}, pairs = {"bond_properties"})
    void bridgeAddPort(String dbg, String bondMac, String bridge, String name, List<String> interfaces,
            Map<String, String> bondProperties, Tunnel tunnel);

    @NetworkdCall(value = "Bridge.remove_port", params = {"bridge", "name"})
    void bridgeRemovePort(String dbg, String bridge, String name);

    @NetworkdCall(value = "Bridge.get_interfaces", params = {"name"})
    List<String> bridgeGetInterfaces(String dbg, String name);

    @NetworkdCall(value = "Bridge.get_physical_interfaces", params = {"name"})
    List<String> bridgeGetPhysicalInterfaces(String dbg, String name);

    /**
     * Applies each bridge's whole configuration (parents before their VLAN bridges); what already
     * matches is left alone. {@code conservative}: only persistent bridges and the ones they need.
     */
    @NetworkdCall(value = "Bridge.make_config", params = {"conservative", "config"}, pairs = {"config"})
    void bridgeMakeConfig(String dbg, boolean conservative, Map<String, BridgeConfig> config);

    // Sriov

    @NetworkdCall(value = "Sriov.enable", params = {"name"})
    SriovEnableResult sriovEnable(String dbg, String name);

    @NetworkdCall(value = "Sriov.disable", params = {"name"})
    void sriovDisable(String dbg, String name);

    @NetworkdCall(value = "Sriov.make_vf_config", params = {"pci_address", "vf_info"})
    void sriovMakeVfConfig(String dbg, String pciAddress, SriovVfConfig vfInfo);

    // Vif (jxapi: the original's xenopsd hotplug scripts and setup-vif-rules)

    /** Puts a guest's device on its bridge with MAC, MTU, carrier, rate limit and locking; idempotent. */
    @NetworkdCall(value = "Vif.plug", params = {"port"})
    void vifPlug(String dbg, VifPort port);

    /** Takes the device off {@code bridge} and removes its rules; nothing if it is not there. */
    @NetworkdCall(value = "Vif.unplug", params = {"bridge", "device"})
    void vifUnplug(String dbg, String bridge, String device);

    /** Replaces the device's locking rules. */
    @NetworkdCall(value = "Vif.set_locking", params = {"bridge", "device", "mac", "locking"})
    void vifSetLocking(String dbg, String bridge, String device, String mac, VifLocking locking);

    /** Moves a plugged device to another bridge, its settings kept: unplug then plug. */
    @NetworkdCall(value = "Vif.move", params = {"port", "from_bridge"})
    void vifMove(String dbg, VifPort port, String fromBridge);
}
