package org.jxapi.xapi.network.impl;

import java.time.Instant;

import org.jxapi.db.Row;
import org.jxapi.networkd.api.Link;
import org.jxapi.networkd.api.NetworkdException;
import org.jxapi.xenapi.model.FieldValues;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.types.Pif;
import org.jxapi.xenapi.model.types.PifMetrics;

/** PIF_metrics carrier, speed and duplex as networkd's Interface.get_link reports the PIF's device. */
final class PifMetricsUpdater {
    private final NetworkCore core;

    PifMetricsUpdater(NetworkCore core) {
        this.core = core;
    }

    /** Reads the link of the PIF's device and writes it to its metrics (made when missing). */
    void refresh(Ref<?> pif) {
        Row p = core.db.snapshot().row(Pif.CLASS, pif);
        if (p == null) {
            return;
        }
        Link link;
        String pci;
        try {
            link = core.networkd.interfaceGetLink(core.dbg(), p.get(Pif.Fields.DEVICE));
            pci = p.get(Pif.Fields.PHYSICAL) ? core.networkd.interfaceGetPciBusPath(core.dbg(), p.get(Pif.Fields.DEVICE)) : "";
        } catch (NetworkdException e) {
            // A device networkd cannot see (a VLAN or tunnel PIF's device is its bridge's): no carrier.
            link = new Link(false, 0, "unknown");
            pci = "";
        }
        Link l = link;
        String bus = pci == null ? "" : pci;
        core.db.write(tx -> {
            Row now = tx.row(Pif.CLASS, pif);
            if (now == null) {
                return null;
            }
            Ref<PifMetrics> m = now.get(Pif.Fields.METRICS);
            if (m.isNull() || tx.row(PifMetrics.CLASS, m) == null) {
                m = tx.create(PifMetrics.CLASS, FieldValues.of(PifMetrics.CLASS));
                tx.set(Pif.Fields.METRICS, pif, m);
            }
            FieldValues<PifMetrics> f = FieldValues.of(PifMetrics.CLASS);
            f.put(PifMetrics.Fields.CARRIER, l.carrier());
            f.put(PifMetrics.Fields.SPEED, l.speedMbit());
            f.put(PifMetrics.Fields.DUPLEX, "full".equals(l.duplex()));
            f.put(PifMetrics.Fields.PCI_BUS_PATH, bus);
            f.put(PifMetrics.Fields.LAST_UPDATED, Instant.now());
            tx.update(m, f);
            return null;
        });
    }
}
