package org.jxapi.xapi.impl.host;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jxapi.db.Database;
import org.jxapi.db.Row;
import org.jxapi.db.WriteTransaction;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.Values;
import org.jxapi.xenapi.model.types.VmPowerState;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a fresh host has: the pool with this host as its master, the host itself with its XenAPI
 * and software versions, its metrics, a host_cpu per CPU of the machine, and the control domain.
 * Made at first start; what the machine may change (name, address, CPUs, memory, versions) is
 * refreshed at every start.
 */
@Component(service = HostBootstrap.class, configurationPid = "org.jxapi.xapi.host", immediate = true)
@Designate(ocd = HostBootstrapConfig.class)
public class HostBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(HostBootstrap.class);

    private final Ref<Object> host;

    @Activate
    public HostBootstrap(@Reference(name = "database") Database db, HostBootstrapConfig config) throws IOException {
        Path dir = config.data_dir().isBlank() ? defaultDir() : Path.of(config.data_dir());
        Inventory inv = Inventory.load(dir.resolve("inventory"));
        MachineFacts machine = MachineFacts.read();
        this.host = db.write(tx -> ensure(tx, inv, machine, config));
        LOG.info("host {} ({}) ready: XenAPI {}.{}, {} CPUs", machine.hostName, inv.hostUuid(),
                config.api_version_major(), config.api_version_minor(), machine.cpus.size());
    }

    static Path defaultDir() {
        String data = System.getProperty("karaf.data");
        return data == null ? Path.of("data", "jxapi") : Path.of(data, "jxapi");
    }

    /** This host's reference. */
    public Ref<Object> host() {
        return host;
    }

    static Ref<Object> ensure(WriteTransaction tx, Inventory inv, MachineFacts m, HostBootstrapConfig config) {
        Row existing = tx.table("host").byUuid(inv.hostUuid());
        Ref<Object> host = existing != null ? existing.ref().cast() : Ref.fresh();
        Ref<Object> metrics = existing != null && tx.row("host_metrics", (Ref<?>) existing.get("metrics")) != null
                ? ((Ref<?>) existing.get("metrics")).cast() : null;
        if (metrics == null) {
            metrics = tx.create("host_metrics", Map.of());
        }
        tx.set("host_metrics", metrics, "memory_total", m.memoryTotal);
        tx.set("host_metrics", metrics, "memory_free", m.memoryFree);
        tx.set("host_metrics", metrics, "live", true);
        tx.set("host_metrics", metrics, "last_updated", Instant.now());

        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name_label", m.hostName);
        f.put("hostname", m.hostName);
        f.put("address", m.address);
        f.put("API_version_major", config.api_version_major());
        f.put("API_version_minor", config.api_version_minor());
        f.put("API_version_vendor", "XenSource");
        f.put("software_version", softwareVersion(m));
        f.put("enabled", true);
        f.put("metrics", metrics);
        f.put("cpu_info", cpuInfo(m));
        f.put("sched_policy", "credit");
        if (existing == null) {
            f.put("uuid", inv.hostUuid());
            f.put("name_description", "Default install");
            tx.create("host", host, f);
        } else {
            for (Map.Entry<String, Object> e : f.entrySet()) {
                tx.set("host", host, e.getKey(), e.getValue());
            }
        }
        refreshCpus(tx, host, m);
        ensureControlDomain(tx, host, inv, m);
        ensurePool(tx, host);
        return host;
    }

    private static Map<String, String> softwareVersion(MachineFacts m) {
        Bundle b = FrameworkUtil.getBundle(HostBootstrap.class);
        String version = b == null ? "0.1.0" : b.getVersion().toString();
        Map<String, String> v = new LinkedHashMap<>();
        v.put("product_brand", "jxapi");
        v.put("product_version", version);
        v.put("product_version_text", version);
        v.put("platform_name", "jxapi");
        v.put("platform_version", version);
        v.put("xapi", version);
        v.put("hostname", m.hostName);
        v.put("date", "2026-01-01");
        v.put("java", System.getProperty("java.version"));
        return v;
    }

    private static Map<String, String> cpuInfo(MachineFacts m) {
        Map<String, String> c = new LinkedHashMap<>();
        MachineFacts.Cpu first = m.cpus.get(0);
        c.put("cpu_count", Integer.toString(m.cpus.size()));
        c.put("socket_count", "1");
        c.put("vendor", first.vendor());
        c.put("speed", Long.toString(first.speedMhz()));
        c.put("modelname", first.modelName());
        c.put("family", Long.toString(first.family()));
        c.put("model", Long.toString(first.model()));
        c.put("stepping", Long.toString(first.stepping()));
        c.put("flags", first.flags());
        return c;
    }

    /** One host_cpu per CPU of the machine, numbered as the kernel numbers them. */
    private static void refreshCpus(WriteTransaction tx, Ref<Object> host, MachineFacts m) {
        List<Row> mine = new ArrayList<>();
        for (Row r : tx.table("host_cpu")) {
            if (host.equals(r.get("host"))) {
                mine.add(r);
            }
        }
        for (Row r : mine) {
            tx.destroy("host_cpu", r.ref());
        }
        for (MachineFacts.Cpu cpu : m.cpus) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("host", host);
            f.put("number", cpu.number());
            f.put("vendor", cpu.vendor());
            f.put("speed", cpu.speedMhz());
            f.put("modelname", cpu.modelName());
            f.put("family", cpu.family());
            f.put("model", cpu.model());
            f.put("stepping", Long.toString(cpu.stepping()));
            f.put("flags", cpu.flags());
            tx.create("host_cpu", f);
        }
    }

    private static void ensureControlDomain(WriteTransaction tx, Ref<Object> host, Inventory inv, MachineFacts m) {
        Row dom0 = tx.table("VM").byUuid(inv.controlDomainUuid());
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name_label", "Control domain on host: " + m.hostName);
        f.put("is_control_domain", true);
        f.put("power_state", VmPowerState.RUNNING);
        f.put("resident_on", host);
        f.put("domid", 0L);
        f.put("VCPUs_max", (long) m.cpus.size());
        f.put("VCPUs_at_startup", (long) m.cpus.size());
        f.put("memory_static_max", m.memoryTotal);
        f.put("memory_dynamic_max", m.memoryTotal);
        f.put("memory_dynamic_min", m.memoryTotal);
        f.put("memory_target", m.memoryTotal);
        Ref<Object> ref;
        if (dom0 == null) {
            f.put("uuid", inv.controlDomainUuid());
            ref = tx.create("VM", f);
        } else {
            ref = dom0.ref().cast();
            for (Map.Entry<String, Object> e : f.entrySet()) {
                tx.set("VM", ref, e.getKey(), e.getValue());
            }
        }
        tx.set("host", host, "control_domain", ref);
    }

    private static void ensurePool(WriteTransaction tx, Ref<Object> host) {
        for (Row pool : tx.table("pool")) {
            if (!host.equals(pool.get("master"))) {
                tx.set("pool", pool.ref(), "master", host);
            }
            return;
        }
        tx.create("pool", Map.of("name_label", "", "master", host, "other_config", Values.emptyMap()));
    }
}
