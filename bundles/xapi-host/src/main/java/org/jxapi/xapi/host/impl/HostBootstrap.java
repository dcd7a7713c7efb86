package org.jxapi.xapi.host.impl;

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
import org.jxapi.xenapi.model.FieldValues;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.Values;
import org.jxapi.xenapi.model.types.Host;
import org.jxapi.xenapi.model.types.HostCpu;
import org.jxapi.xenapi.model.types.HostMetrics;
import org.jxapi.xenapi.model.types.Pool;
import org.jxapi.xenapi.model.types.Vm;
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
        Row existing = tx.table(Host.CLASS).byUuid(inv.hostUuid());
        Ref<Object> host = existing != null ? existing.ref().cast() : Ref.fresh();
        Ref<Object> metrics = existing != null && tx.row(HostMetrics.CLASS, (Ref<?>) existing.get(Host.Fields.METRICS)) != null
                ? ((Ref<?>) existing.get(Host.Fields.METRICS)).cast() : null;
        if (metrics == null) {
            metrics = tx.create(HostMetrics.CLASS, FieldValues.of(HostMetrics.CLASS)).cast();
        }
        tx.set(HostMetrics.Fields.MEMORY_TOTAL, metrics, m.memoryTotal);
        tx.set(HostMetrics.Fields.MEMORY_FREE, metrics, m.memoryFree);
        tx.set(HostMetrics.Fields.LIVE, metrics, true);
        tx.set(HostMetrics.Fields.LAST_UPDATED, metrics, Instant.now());

        FieldValues<Host> f = FieldValues.of(Host.CLASS);
        f.put(Host.Fields.NAME_LABEL, m.hostName);
        f.put(Host.Fields.HOSTNAME, m.hostName);
        f.put(Host.Fields.ADDRESS, m.address);
        f.put(Host.Fields.API_VERSION_MAJOR, config.api_version_major());
        f.put(Host.Fields.API_VERSION_MINOR, config.api_version_minor());
        f.put(Host.Fields.API_VERSION_VENDOR, "XenSource");
        f.put(Host.Fields.SOFTWARE_VERSION, softwareVersion(m));
        f.put(Host.Fields.ENABLED, true);
        f.put(Host.Fields.METRICS, metrics.cast());
        f.put(Host.Fields.CPU_INFO, cpuInfo(m));
        f.put(Host.Fields.SCHED_POLICY, "credit");
        if (existing == null) {
            f.put(Host.Fields.UUID, inv.hostUuid());
            f.put(Host.Fields.NAME_DESCRIPTION, "Default install");
            tx.create(Host.CLASS, host.cast(), f);
        } else {
            tx.set(host, f);
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
        for (Row r : tx.table(HostCpu.CLASS)) {
            if (host.equals(r.get(HostCpu.Fields.HOST))) {
                mine.add(r);
            }
        }
        for (Row r : mine) {
            tx.destroy(HostCpu.CLASS, r.ref());
        }
        for (MachineFacts.Cpu cpu : m.cpus) {
            FieldValues<HostCpu> f = FieldValues.of(HostCpu.CLASS);
            f.put(HostCpu.Fields.HOST, host.cast());
            f.put(HostCpu.Fields.NUMBER, cpu.number());
            f.put(HostCpu.Fields.VENDOR, cpu.vendor());
            f.put(HostCpu.Fields.SPEED, cpu.speedMhz());
            f.put(HostCpu.Fields.MODELNAME, cpu.modelName());
            f.put(HostCpu.Fields.FAMILY, cpu.family());
            f.put(HostCpu.Fields.MODEL, cpu.model());
            f.put(HostCpu.Fields.STEPPING, Long.toString(cpu.stepping()));
            f.put(HostCpu.Fields.FLAGS, cpu.flags());
            tx.create(HostCpu.CLASS, f);
        }
    }

    private static void ensureControlDomain(WriteTransaction tx, Ref<Object> host, Inventory inv, MachineFacts m) {
        Row dom0 = tx.table(Vm.CLASS).byUuid(inv.controlDomainUuid());
        FieldValues<Vm> f = FieldValues.of(Vm.CLASS);
        f.put(Vm.Fields.NAME_LABEL, "Control domain on host: " + m.hostName);
        f.put(Vm.Fields.IS_CONTROL_DOMAIN, true);
        f.put(Vm.Fields.POWER_STATE, VmPowerState.RUNNING);
        f.put(Vm.Fields.RESIDENT_ON, host.cast());
        f.put(Vm.Fields.DOMID, 0L);
        f.put(Vm.Fields.VCPUS_MAX, (long) m.cpus.size());
        f.put(Vm.Fields.VCPUS_AT_STARTUP, (long) m.cpus.size());
        f.put(Vm.Fields.MEMORY_STATIC_MAX, m.memoryTotal);
        f.put(Vm.Fields.MEMORY_DYNAMIC_MAX, m.memoryTotal);
        f.put(Vm.Fields.MEMORY_DYNAMIC_MIN, m.memoryTotal);
        f.put(Vm.Fields.MEMORY_TARGET, m.memoryTotal);
        Ref<Object> ref;
        if (dom0 == null) {
            f.put(Vm.Fields.UUID, inv.controlDomainUuid());
            ref = tx.create(Vm.CLASS, f).cast();
        } else {
            ref = dom0.ref().cast();
            tx.set(ref, f);
        }
        tx.set(Host.Fields.CONTROL_DOMAIN, host, ref.cast());
    }

    private static void ensurePool(WriteTransaction tx, Ref<Object> host) {
        for (Row pool : tx.table(Pool.CLASS)) {
            if (!host.equals(pool.get(Pool.Fields.MASTER))) {
                tx.set(Pool.Fields.MASTER, pool.ref(), host.cast());
            }
            return;
        }
        tx.create(Pool.CLASS, FieldValues.of(Pool.CLASS).put(Pool.Fields.NAME_LABEL, "")
                .put(Pool.Fields.MASTER, host.cast()).put(Pool.Fields.OTHER_CONFIG, Values.emptyMap()));
    }
}
