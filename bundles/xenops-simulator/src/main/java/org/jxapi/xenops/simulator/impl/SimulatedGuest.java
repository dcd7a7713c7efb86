package org.jxapi.xenops.simulator.impl;

import java.util.ArrayList;
import java.util.List;

import org.jxapi.xenops.api.DynamicId;
import org.jxapi.xenops.api.Vbd;
import org.jxapi.xenops.api.XenopsException;
import org.jxapi.xenops.spi.DebugBackend;
import org.jxapi.xenops.spi.DomainActionRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a test act as the guest: {@code reboot}, {@code halt}, {@code crash}, {@code suspend},
 * {@code ignore-shutdown}, {@code check-vbd-plug-ordering}, and {@code create-domain} (a domain
 * made by another toolstack).
 */
final class SimulatedGuest extends SimulatedPart implements DebugBackend {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedGuest.class);

    SimulatedGuest(Hypervisor hv) {
        super(hv);
    }

    @Override
    public void trigger(String cmd, List<String> args) {
        switch (cmd) {
            case "reboot" -> guestRequests(args, DomainActionRequest.NEEDS_REBOOT);
            case "halt" -> guestRequests(args, DomainActionRequest.NEEDS_POWEROFF);
            case "crash" -> guestRequests(args, DomainActionRequest.NEEDS_CRASHDUMP);
            case "suspend" -> guestRequests(args, DomainActionRequest.NEEDS_SUSPEND);
            case "ignore-shutdown" -> locked(() -> {
                Domain d = domain(one(cmd, args));
                d.ignoresShutdown = true;
                save(d);
            });
            case "check-vbd-plug-ordering" -> locked(() -> {
                Domain d = domain(one(cmd, args));
                List<Vbd> rw = new ArrayList<>();
                List<Vbd> ro = new ArrayList<>();
                d.vbds.forEach(v -> (v.mode() == Vbd.Mode.READ_WRITE ? rw : ro).add(v));
                rw.addAll(ro);
                if (!rw.equals(d.vbds)) {
                    throw XenopsException.internal("check-vbd-plug-ordering");
                }
            });
            case "create-domain" -> locked(() -> {
                String uuid = one(cmd, args);
                if (table.get(uuid) != null) {
                    throw XenopsException.alreadyExists("domain", uuid);
                }
                Domain d = new Domain();
                d.domid = table.allocateDomid();
                d.uuid = uuid;
                d.built = true;
                d.qemuCreated = true;
                d.paused = false;
                d.vcpus = 1;
                d.lastCreateTime = now();
                save(d);
            });
            default -> throw XenopsException.unimplemented(cmd);
        }
    }

    private static String one(String cmd, List<String> args) {
        if (args.size() != 1) {
            throw XenopsException.internal(cmd + " takes one VM id");
        }
        return args.get(0);
    }

    private void guestRequests(List<String> args, DomainActionRequest request) {
        String uuid = one(request.name(), args);
        locked(() -> {
            Domain d = domain(uuid);
            d.shutdownReason = request;
            save(d);
        });
        LOG.debug("simulated guest {} requests {}", uuid, request);
        publish(DynamicId.vm(uuid));
    }
}
