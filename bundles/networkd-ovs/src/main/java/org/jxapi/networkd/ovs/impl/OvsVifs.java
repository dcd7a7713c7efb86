package org.jxapi.networkd.ovs.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jxapi.common.exec.CommandResult;
import org.jxapi.networkd.api.NetworkdErrorCode;
import org.jxapi.networkd.api.NetworkdException;
import org.jxapi.networkd.api.VifLocking;
import org.jxapi.networkd.api.VifPort;
import org.jxapi.networkd.linux.LinuxInterfaces;
import org.jxapi.networkd.spi.VifBackend;

/**
 * Guests' ports. A qemu tap (or a veth standing in for one) is added as an ordinary system port after
 * its creator made it: an OVS {@code type=tap} port would try to create the device and fail with
 * EBUSY. The port is marked with {@code external_ids:jxapi-vif} so bridge states leave it out; MTU
 * is {@code mtu_request}, the rate limit {@code ingress_policing_rate} (kbit/s) with a tenth of it as
 * burst, the carrier the device's link state; locking is OpenFlow on the real bridge ({@link VifFlows}).
 */
final class OvsVifs implements VifBackend {
    private final OvsCommands ovs;
    private final LinuxInterfaces devices;

    OvsVifs(OvsCommands ovs, LinuxInterfaces devices) {
        this.ovs = ovs;
        this.devices = devices;
    }

    @Override
    public void plug(VifPort port) {
        OvsSnapshot s = OvsSnapshot.read(ovs);
        if (!s.exists(port.bridge())) {
            throw NetworkdException.doesNotExist("bridge", port.bridge());
        }
        devices.protectedInterfaces().check(port.device());
        if (devices.ip().link(port.device()) == null) {
            throw NetworkdException.doesNotExist("interface", port.device());
        }
        List<String> args = new ArrayList<>();
        Map.Entry<OvsSnapshot.Iface, String> where = s.findInterface(port.device());
        if (where != null && !where.getValue().equals(port.bridge())) {
            // Moving: the old bridge's rules go with the old port.
            clearFlows(s.parentOf(where.getValue()), where.getKey().ofport());
            args.addAll(List.of("--", "--if-exists", "del-port", port.device()));
        }
        long burst = Math.max(1, port.rateKbps() / 10);
        List<String> set = new ArrayList<>(List.of("--", "set", "interface", port.device(),
                VsctlSyntax.mapEntry("external_ids", OvsSnapshot.VIF_ID, port.vifId() == null ? "" : port.vifId()),
                "mtu_request=" + port.mtu(),
                "ingress_policing_rate=" + port.rateKbps(),
                "ingress_policing_burst=" + (port.rateKbps() == 0 ? 0 : burst)));
        if (port.mac() != null) {
            set.add(VsctlSyntax.mapEntry("external_ids", "attached-mac", port.mac()));
        }
        args.addAll(List.of("--", "--may-exist", "add-port", port.bridge(), port.device()));
        args.addAll(set);
        ovs.vsctl(args);
        // mtu_request alone may leave a tap's MTU as it was until vswitchd's next pass.
        devices.setMtu(port.device(), port.mtu());
        devices.setUp(port.device(), port.carrier());
        setLocking(port.bridge(), port.device(), port.mac(), port.locking());
    }

    @Override
    public void unplug(String bridge, String device) {
        OvsSnapshot s = OvsSnapshot.read(ovs);
        Map.Entry<OvsSnapshot.Iface, String> where = s.findInterface(device);
        if (where == null) {
            return;
        }
        clearFlows(s.parentOf(where.getValue()), where.getKey().ofport());
        ovs.vsctl("--", "--if-exists", "del-port", device);
    }

    @Override
    public void setLocking(String bridge, String device, String mac, VifLocking locking) {
        if (locking.mode() == VifLocking.Mode.LOCKED && (mac == null || mac.isBlank())) {
            throw NetworkdException.internal("locking " + device + " needs the guest's MAC", null);
        }
        // One ovs-vsctl run for the port number, the real bridge (rules live there) and where the device is.
        CommandResult r = ovs.vsctlResult("--format=json", "--", "--columns=ofport", "find", "Interface",
                "name=" + VsctlSyntax.quote(device), "--", "br-to-parent", bridge, "--", "iface-to-br", device);
        if (!r.ok()) {
            if (r.stderr().contains("no bridge named")) {
                throw NetworkdException.doesNotExist("bridge", bridge);
            }
            if (r.stderr().contains("no interface named") || r.stderr().contains("not in any bridge")) {
                throw NetworkdException.doesNotExist("interface", device);
            }
            throw NetworkdException.of(NetworkdErrorCode.SCRIPT_ERROR, "ovs-vsctl", String.join(" ", r.argv()),
                    "Exit code " + r.exitCode(), r.stdout(), r.stderr());
        }
        String[] lines = r.stdout().strip().split("\n");
        List<java.util.Map<String, OvsdbValue>> rows = OvsdbTable.readAll(lines[0]).get(0).rows();
        String parent = lines.length > 1 ? lines[1].strip() : "";
        String on = lines.length > 2 ? lines[2].strip() : "";
        String ofport = rows.isEmpty() ? null : rows.get(0).get("ofport").scalar();
        if (!on.equals(bridge) && !on.equals(parent) && !bridge.equals(parent)) {
            throw NetworkdException.doesNotExist("interface", device);
        }
        if (ofport == null || ofport.startsWith("-")) {
            throw NetworkdException.internal("the port of " + device + " has no OpenFlow port number", null);
        }
        // The old rules go and the new ones come in one OpenFlow bundle: no moment without either.
        StringBuilder bundle = new StringBuilder("flow delete ").append(VifFlows.ofPort(ofport)).append('\n');
        for (String f : VifFlows.of(ofport, mac, locking)) {
            bundle.append("flow add ").append(f).append('\n');
        }
        ovs.ofctlBundle(parent, bundle.toString());
    }

    @Override
    public List<String> devices(String bridge) {
        OvsSnapshot s = OvsSnapshot.read(ovs);
        List<String> out = new ArrayList<>();
        for (OvsSnapshot.Port p : s.portsOf(bridge)) {
            if (s.isVifPort(p)) {
                s.interfacesOf(p).forEach(i -> out.add(i.name()));
            }
        }
        return out;
    }

    private void clearFlows(String parent, String ofport) {
        if (parent != null && ofport != null && !ofport.startsWith("-")) {
            ovs.ofctl("del-flows", parent, List.of(VifFlows.ofPort(ofport)), null);
        }
    }
}
