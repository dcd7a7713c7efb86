package org.jxapi.sm.smapiv3.impl;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jxapi.storage.api.Backend;
import org.jxapi.storage.api.Implementation;
import org.jxapi.storage.api.Probe;
import org.jxapi.storage.api.ProbeResult;
import org.jxapi.storage.api.SmapiVersion;
import org.jxapi.storage.api.SrHealth;
import org.jxapi.storage.api.SrInfo;
import org.jxapi.storage.api.VdiInfo;
import org.jxapi.storage.spi.Capability;
import org.jxapi.storage.spi.ConfigKey;
import org.jxapi.storage.spi.DriverInfo;
import org.jxapi.storage.spi.SmError;
import org.jxapi.storage.spi.SmErrorCode;
import org.jxapi.storage.spi.SrContext;
import org.jxapi.storage.spi.SrDriver;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.XenApiException;

/**
 * One SMAPIv3 volume plugin as an SR driver: the translation the original's xapi-storage-script
 * makes from SMAPIv2 calls to the plugin's {@code SR.*} and {@code Volume.*} scripts, and, for the
 * attach family, to the {@code Datapath.*} scripts of the datapath plugin named by the scheme of
 * the volume's URI. Volume keys are the VDI locations; xapi's own fields (VDI type, snapshot
 * relation, content_id, the clone-on-boot volume) go into the volume's key/value metadata.
 */
final class Smapiv3Driver implements SrDriver {
    static final String CLONE_ON_BOOT = "clone-on-boot";
    static final String VDI_TYPE = "vdi-type";
    static final String SNAPSHOT_TIME = "snapshot_time";
    static final String IS_A_SNAPSHOT = "is_a_snapshot";
    static final String SNAPSHOT_OF = "snapshot_of";
    static final String CONTENT_ID = "content_id";
    static final String NONPERSISTENT = "NONPERSISTENT";
    private static final Map<String, Capability> SCRIPT_CAPABILITIES = Map.of(
            "SR.ls", Capability.SR_SCAN, "SR.stat", Capability.SR_UPDATE, "SR.probe", Capability.SR_PROBE,
            "Volume.create", Capability.VDI_CREATE, "Volume.clone", Capability.VDI_CLONE,
            "Volume.snapshot", Capability.VDI_SNAPSHOT, "Volume.resize", Capability.VDI_RESIZE,
            "Volume.destroy", Capability.VDI_DELETE, "Volume.stat", Capability.VDI_UPDATE);

    private final String type;
    private final Path dir;
    private final ScriptRunner runner;
    private final Datapaths datapaths;
    private final DriverInfo info;
    /** SR UUID to the SR name the plugin's SR.attach returned. */
    private final Map<String, String> attached = new ConcurrentHashMap<>();

    Smapiv3Driver(String type, Path dir, Map<String, Object> query, ScriptRunner runner, Datapaths datapaths) {
        this.type = type;
        this.dir = dir;
        this.runner = runner;
        this.datapaths = datapaths;
        this.info = describe(query);
    }

    private DriverInfo describe(Map<String, Object> q) {
        Set<Capability> caps = EnumSet.of(Capability.VDI_ATTACH, Capability.VDI_DETACH, Capability.VDI_ACTIVATE,
                Capability.VDI_DEACTIVATE, Capability.VDI_INTRODUCE);
        List<String> extra = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String f : Loose.stringList(q.get("features"))) {
            String feature = f.equals("VDI_DESTROY") ? "VDI_DELETE" : f;
            Capability c = Capability.fromFeature(feature);
            if (c != null) {
                caps.add(c);
            } else if (seen.add(feature)) {
                extra.add(feature);
            }
        }
        SCRIPT_CAPABILITIES.forEach((script, c) -> {
            if (ScriptRunner.has(dir, script)) {
                caps.add(c);
            }
        });
        for (String[] s : new String[][] {{"SR.attach", "SR_ATTACH"}, {"SR.create", "SR_CREATE"},
                {"SR.destroy", "SR_DELETE"}, {"SR.detach", "SR_DETACH"}}) {
            if (ScriptRunner.has(dir, s[0]) && seen.add(s[1])) {
                extra.add(s[1]);
            }
        }
        if (caps.contains(Capability.VDI_CLONE)) {
            caps.add(Capability.VDI_RESET_ON_BOOT);
        }
        List<ConfigKey> config = new ArrayList<>();
        Loose.strings(q.get("configuration")).forEach((k, d) -> config.add(ConfigKey.optional(k, d)));
        String name = Loose.str(q.get("name"));
        return new DriverInfo(name.isEmpty() ? type : name, Loose.str(q.get("description")),
                Loose.str(q.get("vendor")), Loose.str(q.get("copyright")), Loose.str(q.get("version")),
                Loose.str(q.get("required_api_version")), caps, config, extra, SmapiVersion.SMAPIV3);
    }

    @Override
    public DriverInfo info() {
        return info;
    }

    Path dir() {
        return dir;
    }

    private Object volume(String function, SrContext ctx, Map<String, Object> args) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("dbg", ctx.dbg());
        a.putAll(args);
        return runner.call(dir, function, a);
    }

    private String srName(SrContext ctx) {
        String s = attached.get(ctx.sr());
        if (s == null) {
            throw ErrorCodes.SR_NOT_ATTACHED.error(ctx.sr());
        }
        return s;
    }

    private Map<String, Object> onVolume(SrContext ctx, String key) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("sr", srName(ctx));
        a.put("key", key);
        return a;
    }

    // ---- SR

    @Override
    public Map<String, String> srCreate(SrContext ctx, String nameLabel, String nameDescription, long physicalSize) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("uuid", ctx.sr());
        a.put("configuration", ctx.deviceConfig());
        a.put("name", nameLabel);
        a.put("description", nameDescription);
        Object r = volume("SR.create", ctx, a);
        Map<String, String> config = Loose.strings(r);
        return config.isEmpty() ? ctx.deviceConfig() : config;
    }

    @Override
    public void srAttach(SrContext ctx) {
        Map<String, String> config = new LinkedHashMap<>(ctx.deviceConfig());
        config.put("sr_uuid", ctx.sr());
        String sr = Loose.str(volume("SR.attach", ctx, Map.of("configuration", config)));
        attached.put(ctx.sr(), sr);
    }

    @Override
    public void srDetach(SrContext ctx) {
        String sr = attached.get(ctx.sr());
        if (sr != null) {
            volume("SR.detach", ctx, Map.of("sr", sr));
            attached.remove(ctx.sr());
        }
    }

    @Override
    public void srDestroy(SrContext ctx) {
        volume("SR.destroy", ctx, Map.of("sr", srName(ctx)));
        attached.remove(ctx.sr());
    }

    @Override
    public List<VdiInfo> srScan(SrContext ctx) {
        List<Object> volumes = Loose.list(volume("SR.ls", ctx, Map.of("sr", srName(ctx))));
        Set<String> transients = new HashSet<>();
        for (Object v : volumes) {
            String t = Loose.strings(Loose.map(v).get("keys")).get(CLONE_ON_BOOT);
            if (t != null) {
                transients.add(t);
            }
        }
        List<VdiInfo> out = new ArrayList<>();
        for (Object v : volumes) {
            VdiInfo i = vdiOf(Loose.map(v));
            if (!transients.contains(i.vdi())) {
                out.add(i);
            }
        }
        return out;
    }

    @Override
    public SrInfo srStat(SrContext ctx) {
        Map<String, Object> s = Loose.map(volume("SR.stat", ctx, Map.of("sr", srName(ctx))));
        String health = Loose.list(s.get("health")).isEmpty() ? Loose.str(s.get("health"))
                : Loose.str(Loose.list(s.get("health")).get(0));
        long total = Loose.num(s.get("total_space"));
        long free = Loose.num(s.get("free_space"));
        return new SrInfo(Loose.str(s.get("uuid")), Loose.str(s.get("name")), Loose.str(s.get("description")),
                total, free, Math.max(0, total - free), Loose.bool(s.get("clustered")),
                health.startsWith("Recovering") ? SrHealth.RECOVERING : SrHealth.HEALTHY);
    }

    @Override
    public ProbeResult srProbe(SrContext ctx, Map<String, String> smConfig) {
        require(Capability.SR_PROBE, "SR.probe");
        List<Probe> probes = new ArrayList<>();
        for (Object o : Loose.list(volume("SR.probe", ctx, Map.of("configuration", ctx.deviceConfig())))) {
            Map<String, Object> p = Loose.map(o);
            Map<String, Object> st = Loose.map(p.get("sr") instanceof List<?> l && !l.isEmpty() ? l.get(0) : p.get("sr"));
            SrInfo sr = st.isEmpty() ? null : new SrInfo(Loose.str(st.get("uuid")), Loose.str(st.get("name")),
                    Loose.str(st.get("description")), Loose.num(st.get("total_space")),
                    Loose.num(st.get("free_space")), 0, Loose.bool(st.get("clustered")), SrHealth.HEALTHY);
            probes.add(new Probe(Loose.strings(p.get("configuration")), Loose.bool(p.get("complete")), sr,
                    Loose.strings(p.get("extra_info"))));
        }
        return new ProbeResult.Probes(probes);
    }

    @Override
    public void srSetNameLabel(SrContext ctx, String nameLabel) {
        volume("SR.set_name", ctx, Map.of("sr", srName(ctx), "new_name", nameLabel));
    }

    @Override
    public void srSetNameDescription(SrContext ctx, String nameDescription) {
        volume("SR.set_description", ctx, Map.of("sr", srName(ctx), "new_description", nameDescription));
    }

    // ---- volumes

    static VdiInfo vdiOf(Map<String, Object> v) {
        Map<String, String> keys = Loose.strings(v.get("keys"));
        String time = keys.getOrDefault(SNAPSHOT_TIME, "");
        Instant snapshotTime;
        try {
            snapshotTime = time.isEmpty() ? Instant.EPOCH : Instant.parse(time);
        } catch (RuntimeException e) {
            snapshotTime = Instant.EPOCH;
        }
        return VdiInfo.builder().vdi(Loose.str(v.get("key"))).uuid(Loose.str(v.get("uuid")))
                .contentId(keys.getOrDefault(CONTENT_ID, "")).nameLabel(Loose.str(v.get("name")))
                .nameDescription(Loose.str(v.get("description"))).type(keys.getOrDefault(VDI_TYPE, ""))
                .isASnapshot(Boolean.parseBoolean(keys.getOrDefault(IS_A_SNAPSHOT, "false")))
                .snapshotTime(snapshotTime).snapshotOf(keys.getOrDefault(SNAPSHOT_OF, ""))
                .readOnly(!Loose.bool(v.get("read_write"))).virtualSize(Loose.num(v.get("virtual_size")))
                .physicalUtilisation(Loose.num(v.get("physical_utilisation")))
                .sharable(Loose.bool(v.get("sharable"))).build();
    }

    /** The SPI says: an operation the plugin has no script for answers "unimplemented". */
    private void require(Capability c, String op) {
        if (!info.has(c)) {
            throw SmError.unimplemented(op);
        }
    }

    private Map<String, Object> stat(SrContext ctx, String key) {
        return Loose.map(volume("Volume.stat", ctx, onVolume(ctx, key)));
    }

    private void set(SrContext ctx, String key, String k, String v) {
        Map<String, Object> a = onVolume(ctx, key);
        a.put("k", k);
        a.put("v", v);
        volume("Volume.set", ctx, a);
    }

    private void unset(SrContext ctx, String key, String k) {
        Map<String, Object> a = onVolume(ctx, key);
        a.put("k", k);
        volume("Volume.unset", ctx, a);
    }

    @Override
    public VdiInfo vdiCreate(SrContext ctx, VdiInfo info) {
        require(Capability.VDI_CREATE, "VDI.create");
        if (info.virtualSize() < 0) {
            throw new SmError(SmErrorCode.VDI_SIZE, "negative size " + info.virtualSize());
        }
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("sr", srName(ctx));
        a.put("name", info.nameLabel());
        a.put("description", info.nameDescription());
        a.put("size", info.virtualSize());
        a.put("sharable", info.sharable());
        Map<String, Object> v = Loose.map(volume("Volume.create", ctx, a));
        VdiInfo made = vdiOf(v);
        if (!info.type().isEmpty()) {
            set(ctx, made.vdi(), VDI_TYPE, info.type());
            made = made.toBuilder().type(info.type()).build();
        }
        return made;
    }

    @Override
    public void vdiDestroy(SrContext ctx, String vdi) {
        require(Capability.VDI_DELETE, "VDI.destroy");
        String temporary = Loose.strings(stat(ctx, vdi).get("keys")).get(CLONE_ON_BOOT);
        if (temporary != null) {
            volume("Volume.destroy", ctx, onVolume(ctx, temporary));
        }
        volume("Volume.destroy", ctx, onVolume(ctx, vdi));
    }

    @Override
    public VdiInfo vdiSnapshot(SrContext ctx, VdiInfo info) {
        require(Capability.VDI_SNAPSHOT, "VDI.snapshot");
        VdiInfo snap = vdiOf(Loose.map(volume("Volume.snapshot", ctx, onVolume(ctx, info.vdi()))));
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        set(ctx, snap.vdi(), SNAPSHOT_TIME, now);
        set(ctx, snap.vdi(), IS_A_SNAPSHOT, "true");
        set(ctx, snap.vdi(), SNAPSHOT_OF, info.vdi());
        return snap.toBuilder().snapshotTime(Instant.parse(now)).isASnapshot(true).snapshotOf(info.vdi()).build();
    }

    @Override
    public VdiInfo vdiClone(SrContext ctx, VdiInfo info) {
        require(Capability.VDI_CLONE, "VDI.clone");
        return vdiOf(Loose.map(volume("Volume.clone", ctx, onVolume(ctx, info.vdi()))));
    }

    @Override
    public long vdiResize(SrContext ctx, String vdi, long newSize) {
        require(Capability.VDI_RESIZE, "VDI.resize");
        Map<String, Object> a = onVolume(ctx, vdi);
        a.put("new_size", newSize);
        volume("Volume.resize", ctx, a);
        return Loose.num(stat(ctx, vdi).get("virtual_size"));
    }

    @Override
    public VdiInfo vdiStat(SrContext ctx, String vdi) {
        return vdiOf(stat(ctx, vdi));
    }

    @Override
    public VdiInfo vdiIntroduce(SrContext ctx, String uuid, Map<String, String> smConfig, String location) {
        return vdiOf(stat(ctx, location));
    }

    @Override
    public void vdiSetNameLabel(SrContext ctx, String vdi, String nameLabel) {
        Map<String, Object> a = onVolume(ctx, vdi);
        a.put("new_name", nameLabel);
        volume("Volume.set_name", ctx, a);
    }

    @Override
    public void vdiSetNameDescription(SrContext ctx, String vdi, String nameDescription) {
        Map<String, Object> a = onVolume(ctx, vdi);
        a.put("new_description", nameDescription);
        volume("Volume.set_description", ctx, a);
    }

    @Override
    public void vdiSetContentId(SrContext ctx, String vdi, String contentId) {
        set(ctx, vdi, CONTENT_ID, contentId);
    }

    // ---- datapaths

    /** The datapath plugin and URI to use for a volume: the first URI whose scheme has a plugin. */
    private record Route(Datapaths.Plugin plugin, String uri) {
    }

    private Route route(SrContext ctx, String vdi, boolean followCloneOnBoot) {
        Map<String, Object> v = stat(ctx, vdi);
        String temporary = Loose.strings(v.get("keys")).get(CLONE_ON_BOOT);
        if (followCloneOnBoot && temporary != null) {
            v = stat(ctx, temporary);
        }
        for (String uri : Loose.stringList(v.get("uri"))) {
            String scheme;
            try {
                scheme = URI.create(uri).getScheme();
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (scheme != null && datapaths.has(scheme)) {
                return new Route(datapaths.get(scheme), uri);
            }
        }
        throw new XenApiException("MISSING_URI", "Please include a URI in the device-config");
    }

    private Object datapath(Route r, String function, SrContext ctx, Map<String, Object> args) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("dbg", ctx.dbg());
        a.put("uri", r.uri());
        a.putAll(args);
        return runner.call(r.plugin().dir(), function, a);
    }

    @Override
    public Backend vdiAttach(SrContext ctx, String vdi, String vm, boolean readWrite) {
        Object b = datapath(route(ctx, vdi, true), "Datapath.attach", ctx, Map.of("domain", "0"));
        List<Implementation> impls = new ArrayList<>();
        Map<String, Object> backend = Loose.map(b);
        Object list = backend.containsKey("implementations") ? backend.get("implementations") : backend.get("implementation");
        for (Object o : Loose.list(list)) {
            Implementation i = implementation(o);
            if (i != null) {
                impls.add(i);
            }
        }
        return new Backend(impls);
    }

    /** A variant as rpclib writes it, {@code ["File", {...}]}, or as {@code {"File": {...}}}. */
    static Implementation implementation(Object o) {
        String kind;
        Map<String, Object> f;
        if (o instanceof List<?> l && l.size() == 2) {
            kind = Loose.str(l.get(0));
            f = Loose.map(l.get(1));
        } else if (o instanceof Map<?, ?> m && m.size() == 1) {
            Map.Entry<?, ?> e = m.entrySet().iterator().next();
            kind = e.getKey().toString();
            f = Loose.map(e.getValue());
        } else {
            return null;
        }
        return switch (kind) {
            case "XenDisk" -> new Implementation.XenDisk(Loose.str(f.get("params")), Loose.strings(f.get("extra")),
                    Loose.str(f.get("backend_type")));
            case "BlockDevice" -> new Implementation.BlockDevice(Loose.str(f.get("path")));
            case "File" -> new Implementation.File(Loose.str(f.get("path")), "raw");
            case "Nbd" -> new Implementation.Nbd(Loose.str(f.get("uri")));
            default -> null;
        };
    }

    @Override
    public void vdiActivate(SrContext ctx, String vdi, String vm, boolean readWrite) {
        datapath(route(ctx, vdi, true), "Datapath.activate", ctx, Map.of("domain", "0"));
    }

    @Override
    public void vdiDeactivate(SrContext ctx, String vdi, String vm) {
        datapath(route(ctx, vdi, true), "Datapath.deactivate", ctx, Map.of("domain", "0"));
    }

    @Override
    public void vdiDetach(SrContext ctx, String vdi, String vm) {
        datapath(route(ctx, vdi, true), "Datapath.detach", ctx, Map.of("domain", "0"));
    }

    /**
     * A non-persistent VDI: a datapath plugin with NONPERSISTENT handles it on open; otherwise
     * the VDI is cloned and the clone attached instead, until epoch_end destroys it.
     */
    @Override
    public void vdiEpochBegin(SrContext ctx, String vdi, String vm, boolean persistent) {
        Route r = route(ctx, vdi, false);
        if (r.plugin().supports(NONPERSISTENT)) {
            datapath(r, "Datapath.open", ctx, Map.of("persistent", persistent));
        } else if (!persistent) {
            String old = Loose.strings(stat(ctx, vdi).get("keys")).get(CLONE_ON_BOOT);
            if (old != null) {
                volume("Volume.destroy", ctx, onVolume(ctx, old));
            }
            VdiInfo clone = vdiOf(Loose.map(volume("Volume.clone", ctx, onVolume(ctx, vdi))));
            set(ctx, vdi, CLONE_ON_BOOT, clone.vdi());
        }
    }

    @Override
    public void vdiEpochEnd(SrContext ctx, String vdi, String vm) {
        Route r = route(ctx, vdi, false);
        if (r.plugin().supports(NONPERSISTENT)) {
            datapath(r, "Datapath.close", ctx, Map.of());
            return;
        }
        String temporary = Loose.strings(stat(ctx, vdi).get("keys")).get(CLONE_ON_BOOT);
        if (temporary != null) {
            volume("Volume.destroy", ctx, onVolume(ctx, temporary));
            unset(ctx, vdi, CLONE_ON_BOOT);
        }
    }

    @Override
    public String toString() {
        return "SMAPIv3 plugin " + dir;
    }
}
