package org.jxapi.xapi.network.impl;

import java.util.Set;

import org.jxapi.db.Row;
import org.jxapi.db.Snapshot;
import org.jxapi.networkd.api.NetworkdException;
import org.jxapi.networkd.api.SriovEnableResult;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.FieldValues;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.api.NetworkSriovApi;
import org.jxapi.xenapi.model.types.Network;
import org.jxapi.xenapi.model.types.NetworkSriov;
import org.jxapi.xenapi.model.types.Pif;
import org.jxapi.xenapi.model.types.Session;
import org.jxapi.xenapi.model.types.SriovConfigurationMode;
import org.jxapi.xenapi.model.types.Vif;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * network_sriov: a logical PIF on the network over a physical PIF whose capabilities say
 * {@code sriov}, enabled through networkd's Sriov.enable; its capacity is the PIF's
 * {@code other_config:sriov-totalvfs} (what the NIC reports) less the network's plugged VIFs.
 */
@Component(service = NetworkSriovApi.class)
public class SriovMessages implements NetworkSriovApi {
    static final String TOTAL_VFS = "sriov-totalvfs";
    private final NetworkCore core;

    @Activate
    public SriovMessages(@Reference(name = "core") NetworkCore core) {
        this.core = core;
    }

    @Override
    public Ref<NetworkSriov> create(Ref<Session> sessionId, Ref<Pif> pif, Ref<Network> network) {
        Snapshot s = core.db.snapshot();
        Row p = s.require(Pif.CLASS, pif);
        Row net = s.require(Network.CLASS, network);
        if (!(boolean) p.get(Pif.Fields.PHYSICAL)) {
            throw ErrorCodes.PIF_IS_NOT_PHYSICAL.error(pif.handle());
        }
        if (!((Set<?>) p.get(Pif.Fields.SRIOV_PHYSICAL_PIF_OF)).isEmpty()) {
            throw ErrorCodes.NETWORK_SRIOV_ALREADY_ENABLED.error(pif.handle());
        }
        if (!((Set<?>) p.get(Pif.Fields.CAPABILITIES)).contains("sriov")) {
            throw ErrorCodes.PIF_IS_NOT_SRIOV_CAPABLE.error(pif.handle());
        }
        Ref<?> host = p.get(Pif.Fields.HOST);
        Row other = NetworkCore.pifOn(s, host, network);
        if (other != null) {
            throw ErrorCodes.NETWORK_ALREADY_CONNECTED.error(network.handle(), other.ref().handle());
        }
        SriovConfigurationMode mode;
        boolean reboot;
        try {
            SriovEnableResult r = core.networkd.sriovEnable(core.dbg(), p.get(Pif.Fields.DEVICE));
            mode = r == SriovEnableResult.SYSFS_SUCCESSFUL ? SriovConfigurationMode.SYSFS : SriovConfigurationMode.MODPROBE;
            reboot = r == SriovEnableResult.MODPROBE_SUCCESSFUL_REQUIRES_REBOOT;
        } catch (NetworkdException e) {
            throw ErrorCodes.NETWORK_SRIOV_ENABLE_FAILED.error(pif.handle(), String.join(" ", e.errorDescription()));
        }
        return core.db.write(tx -> {
            Ref<Pif> logical = PifRows.pif(tx, host, network, p.get(Pif.Fields.DEVICE), p.get(Pif.Fields.MAC),
                    net.get(Network.Fields.MTU), -1, false, true);
            FieldValues<NetworkSriov> f = FieldValues.of(NetworkSriov.CLASS);
            f.put(NetworkSriov.Fields.PHYSICAL_PIF, pif);
            f.put(NetworkSriov.Fields.LOGICAL_PIF, logical);
            f.put(NetworkSriov.Fields.REQUIRES_REBOOT, reboot);
            f.put(NetworkSriov.Fields.CONFIGURATION_MODE, mode);
            return tx.create(NetworkSriov.CLASS, f);
        });
    }

    @Override
    public void destroy(Ref<Session> sessionId, Ref<NetworkSriov> self) {
        Snapshot s = core.db.snapshot();
        Row sr = s.require(NetworkSriov.CLASS, self);
        Row physical = s.row(Pif.CLASS, (Ref<?>) sr.get(NetworkSriov.Fields.PHYSICAL_PIF));
        Ref<Pif> logical = sr.get(NetworkSriov.Fields.LOGICAL_PIF);
        if (physical != null) {
            try {
                core.networkd.sriovDisable(core.dbg(), physical.get(Pif.Fields.DEVICE));
            } catch (NetworkdException e) {
                throw ErrorCodes.NETWORK_SRIOV_DISABLE_FAILED.error(physical.ref().handle(),
                        String.join(" ", e.errorDescription()));
            }
        }
        core.db.write(tx -> {
            tx.destroy(NetworkSriov.CLASS, self);
            PifRows.destroy(tx, logical);
            return null;
        });
    }

    @Override
    public long getRemainingCapacity(Ref<Session> sessionId, Ref<NetworkSriov> self) {
        Snapshot s = core.db.snapshot();
        Row sr = s.require(NetworkSriov.CLASS, self);
        Row physical = s.row(Pif.CLASS, (Ref<?>) sr.get(NetworkSriov.Fields.PHYSICAL_PIF));
        Row logical = s.row(Pif.CLASS, (Ref<?>) sr.get(NetworkSriov.Fields.LOGICAL_PIF));
        if (physical == null || logical == null) {
            return 0;
        }
        long total;
        try {
            total = Long.parseLong(((java.util.Map<String, String>) physical.get(Pif.Fields.OTHER_CONFIG))
                    .getOrDefault(TOTAL_VFS, "0"));
        } catch (NumberFormatException e) {
            total = 0;
        }
        long used = 0;
        Row net = s.row(Network.CLASS, (Ref<?>) logical.get(Pif.Fields.NETWORK));
        if (net != null) {
            for (Ref<Vif> v : (Set<Ref<Vif>>) net.get(Network.Fields.VIFS)) {
                Row vr = s.row(Vif.CLASS, v);
                if (vr != null && (boolean) vr.get(Vif.Fields.CURRENTLY_ATTACHED)) {
                    used++;
                }
            }
        }
        return Math.max(0, total - used);
    }
}
