package org.jxapi.xapi.network.impl;

import org.jxapi.db.Row;
import org.jxapi.db.Snapshot;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.api.HostApi;
import org.jxapi.xenapi.model.types.Host;
import org.jxapi.xenapi.model.types.IpConfigurationMode;
import org.jxapi.xenapi.model.types.Ipv6ConfigurationMode;
import org.jxapi.xenapi.model.types.Network;
import org.jxapi.xenapi.model.types.Pif;
import org.jxapi.xenapi.model.types.PrimaryAddressType;
import org.jxapi.xenapi.model.types.Session;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The host's management interface: which PIF it is, moving it (the new one is brought up
 * persistent, with the default gateway and DNS; the old one stays plugged, no longer management)
 * and disabling it.
 */
@Component(service = HostApi.class)
public class HostManagementMessages implements HostApi {
    private final NetworkCore core;

    @Activate
    public HostManagementMessages(@Reference(name = "core") NetworkCore core) {
        this.core = core;
    }

    @Override
    public Ref<Pif> getManagementInterface(Ref<Session> sessionId, Ref<Host> host) {
        Snapshot s = core.db.snapshot();
        s.require(Host.CLASS, host);
        for (Row p : NetworkCore.pifsOf(s, host)) {
            if ((boolean) p.get(Pif.Fields.MANAGEMENT)) {
                return p.ref().cast();
            }
        }
        throw ErrorCodes.PIF_NOT_PRESENT.error(host.handle(), "");
    }

    @Override
    public void managementReconfigure(Ref<Session> sessionId, Ref<Pif> pif) {
        Row p = core.db.snapshot().require(Pif.CLASS, pif);
        if (!((Ref<?>) p.get(Pif.Fields.BOND_SLAVE_OF)).isNull()) {
            throw ErrorCodes.CANNOT_PLUG_BOND_SLAVE.error(pif.handle());
        }
        boolean v6 = p.get(Pif.Fields.PRIMARY_ADDRESS_TYPE) == PrimaryAddressType.IPV6;
        if (!v6 && p.get(Pif.Fields.IP_CONFIGURATION_MODE) == IpConfigurationMode.NONE) {
            throw ErrorCodes.PIF_HAS_NO_NETWORK_CONFIGURATION.error(pif.handle());
        }
        if (v6 && p.get(Pif.Fields.IPV6_CONFIGURATION_MODE) == Ipv6ConfigurationMode.NONE) {
            throw ErrorCodes.PIF_HAS_NO_V6_NETWORK_CONFIGURATION.error(pif.handle());
        }
        moveManagement(p.get(Pif.Fields.HOST), pif);
    }

    /** By device or bridge name, as the original's local call (used when xapi cannot reach the pool). */
    @Override
    public void localManagementReconfigure(Ref<Session> sessionId, String iface) {
        Snapshot s = core.db.snapshot();
        Ref<Host> host = NetworkCore.thisHost(s);
        for (Row p : NetworkCore.pifsOf(s, host)) {
            Row net = s.row(Network.CLASS, (Ref<?>) p.get(Pif.Fields.NETWORK));
            if (iface.equals(p.get(Pif.Fields.DEVICE)) && (long) p.get(Pif.Fields.VLAN) == -1L
                    || net != null && iface.equals(net.get(Network.Fields.BRIDGE))) {
                managementReconfigure(sessionId, p.ref().cast());
                return;
            }
        }
        throw ErrorCodes.PIF_DEVICE_NOT_FOUND.error();
    }

    @Override
    public void managementDisable(Ref<Session> sessionId) {
        Ref<Host> host = core.thisHost();
        core.db.write(tx -> {
            for (Row p : NetworkCore.pifsOf(tx, host)) {
                if ((boolean) p.get(Pif.Fields.MANAGEMENT)) {
                    tx.set(Pif.Fields.MANAGEMENT, p.ref(), false);
                }
            }
            tx.set(Host.Fields.ADDRESS, host, "");
            return null;
        });
    }

    private void moveManagement(Ref<Host> host, Ref<Pif> pif) {
        Snapshot s = core.db.snapshot();
        Row p = s.require(Pif.CLASS, pif);
        if ((boolean) p.get(Pif.Fields.MANAGEMENT) && (boolean) p.get(Pif.Fields.CURRENTLY_ATTACHED)) {
            return;
        }
        core.db.write(tx -> {
            for (Row other : NetworkCore.pifsOf(tx, host)) {
                if ((boolean) other.get(Pif.Fields.MANAGEMENT) && !other.ref().equals(pif)) {
                    tx.set(Pif.Fields.MANAGEMENT, other.ref(), false);
                }
            }
            tx.set(Pif.Fields.MANAGEMENT, pif, true);
            String address = p.get(Pif.Fields.PRIMARY_ADDRESS_TYPE) == PrimaryAddressType.IPV6
                    ? ((java.util.Set<String>) p.get(Pif.Fields.IPV6)).stream().findFirst().map(a -> a.replaceAll("/.*", "")).orElse("")
                    : p.get(Pif.Fields.IP);
            tx.set(Host.Fields.ADDRESS, host, address);
            return null;
        });
        new PifPlumbing(core).bringUp(pif);
    }
}
