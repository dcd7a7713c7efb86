package org.jxapi.xenops.simulator.impl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jxapi.xenops.api.Pci;
import org.jxapi.xenops.api.Vbd;
import org.jxapi.xenops.api.Vgpu;
import org.jxapi.xenops.api.Vif;
import org.jxapi.xenops.api.Vusb;
import org.jxapi.xenops.json.XenopsJson;
import org.jxapi.xenops.spi.DomainActionRequest;

/**
 * One simulated domain: what a hypervisor would know about it. Devices are kept in plug order.
 * Guarded by the backend's lock; saved as JSON so that a restarted server finds it again.
 */
final class Domain {
    int domid;
    String uuid;
    boolean hvm;
    /** The toolstack's own request key (set by the engine, e.g. "power me off" while starting). */
    DomainActionRequest request;
    /** Why the guest shut itself down, if it did: what a hypervisor reports first. */
    DomainActionRequest shutdownReason;
    boolean paused = true;
    boolean built;
    int vcpus;
    double shadowMultiplier = 1.0;
    long memoryDynamicMin;
    long memoryDynamicMax;
    boolean qemuCreated;
    boolean suspended;
    double lastCreateTime;
    boolean ignoresShutdown;
    final List<Vbd> vbds = new ArrayList<>();
    final List<Vif> vifs = new ArrayList<>();
    final List<Pci> pcis = new ArrayList<>();
    final List<Vgpu> vgpus = new ArrayList<>();
    final List<Vusb> vusbs = new ArrayList<>();
    final Set<String> activeVbds = new LinkedHashSet<>();
    final Set<String> activeVifs = new LinkedHashSet<>();
    final Set<String> activeVgpus = new LinkedHashSet<>();
    Map<String, String> xsdata = new LinkedHashMap<>();

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("domid", domid);
        m.put("uuid", uuid);
        m.put("hvm", hvm);
        if (request != null) {
            m.put("domain_action_request", request.name());
        }
        if (shutdownReason != null) {
            m.put("shutdown_reason", shutdownReason.name());
        }
        m.put("paused", paused);
        m.put("built", built);
        m.put("vcpus", vcpus);
        m.put("shadow_multiplier", shadowMultiplier);
        m.put("memory_dynamic_min", memoryDynamicMin);
        m.put("memory_dynamic_max", memoryDynamicMax);
        m.put("qemu_created", qemuCreated);
        m.put("suspended", suspended);
        m.put("last_create_time", lastCreateTime);
        m.put("ignores_shutdown", ignoresShutdown);
        m.put("vbds", new ArrayList<Object>(vbds));
        m.put("vifs", new ArrayList<Object>(vifs));
        m.put("pcis", new ArrayList<Object>(pcis));
        m.put("vgpus", new ArrayList<Object>(vgpus));
        m.put("vusbs", new ArrayList<Object>(vusbs));
        m.put("active_vbds", new ArrayList<Object>(activeVbds));
        m.put("active_vifs", new ArrayList<Object>(activeVifs));
        m.put("active_vgpus", new ArrayList<Object>(activeVgpus));
        m.put("xsdata", new LinkedHashMap<String, Object>(xsdata));
        return m;
    }

    @SuppressWarnings("unchecked")
    static Domain fromJson(Object v) {
        Map<String, Object> m = (Map<String, Object>) v;
        Domain d = new Domain();
        d.domid = ((Number) m.get("domid")).intValue();
        d.uuid = (String) m.get("uuid");
        d.hvm = (Boolean) m.get("hvm");
        Object r = m.get("domain_action_request");
        d.request = r == null ? null : DomainActionRequest.valueOf((String) r);
        Object sr = m.get("shutdown_reason");
        d.shutdownReason = sr == null ? null : DomainActionRequest.valueOf((String) sr);
        d.paused = (Boolean) m.get("paused");
        d.built = (Boolean) m.get("built");
        d.vcpus = ((Number) m.get("vcpus")).intValue();
        d.shadowMultiplier = ((Number) m.get("shadow_multiplier")).doubleValue();
        d.memoryDynamicMin = ((Number) m.get("memory_dynamic_min")).longValue();
        d.memoryDynamicMax = ((Number) m.get("memory_dynamic_max")).longValue();
        d.qemuCreated = (Boolean) m.get("qemu_created");
        d.suspended = (Boolean) m.get("suspended");
        d.lastCreateTime = ((Number) m.get("last_create_time")).doubleValue();
        d.ignoresShutdown = Boolean.TRUE.equals(m.get("ignores_shutdown"));
        ((List<Object>) m.get("vbds")).forEach(x -> d.vbds.add(XenopsJson.fromPlain(x, Vbd.class)));
        ((List<Object>) m.get("vifs")).forEach(x -> d.vifs.add(XenopsJson.fromPlain(x, Vif.class)));
        ((List<Object>) m.get("pcis")).forEach(x -> d.pcis.add(XenopsJson.fromPlain(x, Pci.class)));
        ((List<Object>) m.get("vgpus")).forEach(x -> d.vgpus.add(XenopsJson.fromPlain(x, Vgpu.class)));
        ((List<Object>) m.get("vusbs")).forEach(x -> d.vusbs.add(XenopsJson.fromPlain(x, Vusb.class)));
        ((List<Object>) m.get("active_vbds")).forEach(x -> d.activeVbds.add((String) x));
        ((List<Object>) m.get("active_vifs")).forEach(x -> d.activeVifs.add((String) x));
        ((List<Object>) m.get("active_vgpus")).forEach(x -> d.activeVgpus.add((String) x));
        Object xs = m.get("xsdata");
        if (xs != null) {
            d.xsdata = new LinkedHashMap<>((Map<String, String>) xs);
        }
        return d;
    }
}
