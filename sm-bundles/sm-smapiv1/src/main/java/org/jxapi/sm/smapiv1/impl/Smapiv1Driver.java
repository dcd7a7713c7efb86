package org.jxapi.sm.smapiv1.impl;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jxapi.common.exec.CommandException;
import org.jxapi.common.exec.CommandResult;
import org.jxapi.common.exec.ExternalCommand;
import org.jxapi.storage.api.Backend;
import org.jxapi.storage.api.Implementation;
import org.jxapi.storage.api.ProbeResult;
import org.jxapi.storage.api.SmapiVersion;
import org.jxapi.storage.api.SrHealth;
import org.jxapi.storage.api.SrInfo;
import org.jxapi.storage.api.VdiInfo;
import org.jxapi.storage.spi.Capability;
import org.jxapi.storage.spi.ConfigKey;
import org.jxapi.storage.spi.DriverInfo;
import org.jxapi.storage.spi.SmError;
import org.jxapi.storage.spi.SrContext;
import org.jxapi.storage.spi.SrDriver;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.XenApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One legacy SMAPIv1 driver executable ({@code <Type>SR}) as an SR driver, called as the
 * original's sm_exec does: the request is an XML-RPC methodCall passed as the first argument,
 * whose one parameter is a struct (host_ref, command, args, device_config, sr_uuid, vdi_location,
 * ...), and the answer is an XML-RPC methodResponse on standard output. A fault's numeric code
 * becomes an {@link SmError}, hence {@code SR_BACKEND_FAILURE_<code>} with parameters
 * {@code ["", faultString, stderr]}. What the original drivers record through the XenAPI (VDI
 * names and sizes) is kept by the adapter in {@link VdiRecords}.
 */
final class Smapiv1Driver implements SrDriver {
    private static final Logger LOG = LoggerFactory.getLogger(Smapiv1Driver.class);
    private static final String NULL_REF = "OpaqueRef:NULL";

    private final Path exe;
    private final Path stateDir;
    private final Duration timeout;
    private final DriverInfo info;

    Smapiv1Driver(Path exe, Path stateDir, Duration timeout) {
        this.exe = exe;
        this.stateDir = stateDir;
        this.timeout = timeout;
        this.info = describe(asMap(call("sr_get_driver_info", new SrContext("register", "", Map.of()), List.of(),
                Map.of())));
    }

    Path exe() {
        return exe;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return o instanceof Map ? (Map<String, Object>) o : Map.of();
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    private DriverInfo describe(Map<String, Object> i) {
        Set<Capability> caps = EnumSet.noneOf(Capability.class);
        List<String> extra = new ArrayList<>();
        if (i.get("capabilities") instanceof List<?> l) {
            for (Object c : l) {
                Capability cap = Capability.fromFeature(str(c));
                if (cap != null) {
                    caps.add(cap);
                } else {
                    extra.add(str(c));
                }
            }
        }
        List<ConfigKey> config = new ArrayList<>();
        if (i.get("configuration") instanceof List<?> l) {
            for (Object o : l) {
                Map<String, Object> kv = asMap(o);
                config.add(ConfigKey.optional(str(kv.get("key")), str(kv.get("description"))));
            }
        }
        return new DriverInfo(str(i.get("name")), str(i.get("description")), str(i.get("vendor")),
                str(i.get("copyright")), str(i.get("driver_version")), str(i.get("required_api_version")), caps, config,
                extra, SmapiVersion.SMAPIV1);
    }

    @Override
    public DriverInfo info() {
        return info;
    }

    private VdiRecords records(SrContext ctx) {
        return new VdiRecords(stateDir, ctx.sr());
    }

    /** Runs one SMAPIv1 command and returns the value of its answer. */
    Object call(String command, SrContext ctx, List<String> args, Map<String, Object> fields) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("host_ref", NULL_REF);
        s.put("command", command);
        s.put("args", args);
        s.put("device_config", ctx.deviceConfig());
        if (!ctx.sr().isEmpty()) {
            s.put("sr_ref", NULL_REF);
            s.put("sr_uuid", ctx.sr());
        }
        s.putAll(fields);
        String request = Smapiv1Messages.call(command, s);
        CommandResult r;
        try {
            r = ExternalCommand.of(exe.toString(), request).withTimeout(timeout).run();
        } catch (CommandException e) {
            throw new XenApiException(ErrorCodes.SR_BACKEND_FAILURE.name(), List.of(e.getMessage(), "", e.stderr()), e);
        }
        Object answer;
        try {
            answer = Smapiv1Messages.response(r.stdout());
        } catch (RuntimeException e) {
            if (!r.ok()) {
                throw new XenApiException(ErrorCodes.SR_BACKEND_FAILURE.name(),
                        List.of("non-zero exit", r.stdout(), r.stderr()), e);
            }
            throw new XenApiException(ErrorCodes.SR_BACKEND_FAILURE.name(),
                    List.of(e.toString(), r.stdout(), r.stderr()), e);
        }
        if (answer instanceof Smapiv1Messages.Fault f) {
            LOG.info("{} {} failed: {} {}", exe.getFileName(), command, f.code(), f.text());
            throw new SmError(f.code(), f.text(), r.stderr());
        }
        return answer;
    }

    private Object call(String command, SrContext ctx, List<String> args) {
        return call(command, ctx, args, Map.of());
    }

    private static Map<String, Object> onVdi(VdiInfo v) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("vdi_ref", NULL_REF);
        f.put("vdi_location", v.vdi());
        f.put("vdi_uuid", v.uuid());
        f.put("vdi_on_boot", v.persistent() ? "persist" : "reset");
        return f;
    }

    private static VdiInfo stored(SrContext ctx, VdiRecords records, String vdi) {
        VdiInfo v = records.load().get(vdi);
        if (v == null) {
            throw SmError.vdiMissing(vdi);
        }
        return v;
    }

    /** The {uuid, location} struct drivers return for new VDIs. */
    private static VdiInfo made(Object answer, VdiInfo template) {
        Map<String, Object> m = asMap(answer);
        String location = str(m.get("location"));
        if (location.isEmpty()) {
            throw new XenApiException(ErrorCodes.SR_BACKEND_FAILURE.name(),
                    List.of("", "XML parse failure: <struct> missing field: location", ""), null);
        }
        String uuid = str(m.get("uuid"));
        return template.toBuilder().vdi(location).uuid(uuid.isEmpty() ? UUID.randomUUID().toString() : uuid)
                .contentId(template.contentId().isEmpty() ? UUID.randomUUID().toString() : template.contentId()).build();
    }

    // ---- SR

    @Override
    public Map<String, String> srCreate(SrContext ctx, String nameLabel, String nameDescription, long physicalSize) {
        call("sr_create", ctx, List.of(Long.toString(physicalSize)));
        return ctx.deviceConfig();
    }

    @Override
    public void srAttach(SrContext ctx) {
        call("sr_attach", ctx, List.of());
    }

    @Override
    public void srDetach(SrContext ctx) {
        call("sr_detach", ctx, List.of());
    }

    @Override
    public void srDestroy(SrContext ctx) {
        call("sr_delete", ctx, List.of());
        records(ctx).delete();
    }

    @Override
    public List<VdiInfo> srScan(SrContext ctx) {
        call("sr_scan", ctx, List.of());
        return records(ctx).list();
    }

    @Override
    public SrInfo srStat(SrContext ctx) {
        long used = records(ctx).list().stream().mapToLong(VdiInfo::virtualSize).sum();
        return new SrInfo(ctx.sr(), "", "", 0, 0, used, false, SrHealth.HEALTHY);
    }

    @Override
    public ProbeResult srProbe(SrContext ctx, Map<String, String> smConfig) {
        return new ProbeResult.Raw(str(call("sr_probe", ctx, List.of(), Map.of("sr_sm_config", smConfig))));
    }

    // ---- VDI

    @Override
    public VdiInfo vdiCreate(SrContext ctx, VdiInfo v) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("vdi_sm_config", v.smConfig());
        f.put("vdi_type", v.type());
        Object answer = call("vdi_create", ctx, List.of(Long.toString(v.virtualSize()), v.nameLabel(),
                v.nameDescription(), v.metadataOfPool(), Boolean.toString(v.isASnapshot()),
                v.snapshotTime().toString(), v.snapshotOf(), Boolean.toString(v.readOnly())), f);
        VdiInfo created = made(answer, v.toBuilder().contentId("").build());
        records(ctx).put(created);
        return created;
    }

    @Override
    public void vdiDestroy(SrContext ctx, String vdi) {
        VdiRecords records = records(ctx);
        call("vdi_delete", ctx, List.of(), onVdi(stored(ctx, records, vdi)));
        records.remove(vdi);
    }

    private VdiInfo copy(String command, SrContext ctx, VdiInfo request, boolean snapshot) {
        VdiRecords records = records(ctx);
        VdiInfo src = stored(ctx, records, request.vdi());
        Map<String, Object> f = onVdi(src);
        f.put("driver_params", request.smConfig());
        VdiInfo.Builder template = src.toBuilder().readOnly(snapshot).isASnapshot(snapshot);
        if (snapshot) {
            template.snapshotOf(src.vdi()).snapshotTime(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        }
        VdiInfo made = made(call(command, ctx, List.of(), f), template.build());
        records.put(made);
        return made;
    }

    @Override
    public VdiInfo vdiSnapshot(SrContext ctx, VdiInfo info) {
        return copy("vdi_snapshot", ctx, info, true);
    }

    @Override
    public VdiInfo vdiClone(SrContext ctx, VdiInfo info) {
        return copy("vdi_clone", ctx, info, false);
    }

    @Override
    public long vdiResize(SrContext ctx, String vdi, long newSize) {
        VdiRecords records = records(ctx);
        call("vdi_resize", ctx, List.of(Long.toString(newSize)), onVdi(stored(ctx, records, vdi)));
        records.update(vdi, v -> v.toBuilder().virtualSize(newSize).build());
        return newSize;
    }

    @Override
    public VdiInfo vdiStat(SrContext ctx, String vdi) {
        return stored(ctx, records(ctx), vdi);
    }

    @Override
    public VdiInfo vdiIntroduce(SrContext ctx, String uuid, Map<String, String> smConfig, String location) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("vdi_location", location);
        f.put("vdi_sm_config", smConfig);
        f.put("new_uuid", uuid);
        VdiInfo made = made(call("vdi_introduce", ctx, List.of(), f),
                VdiInfo.builder().uuid(uuid).nameLabel(location).smConfig(smConfig).build());
        records(ctx).put(made);
        return made;
    }

    @Override
    public void vdiSetNameLabel(SrContext ctx, String vdi, String nameLabel) {
        records(ctx).update(vdi, v -> v.toBuilder().nameLabel(nameLabel).build());
    }

    @Override
    public void vdiSetNameDescription(SrContext ctx, String vdi, String nameDescription) {
        records(ctx).update(vdi, v -> v.toBuilder().nameDescription(nameDescription).build());
    }

    @Override
    public void vdiSetContentId(SrContext ctx, String vdi, String contentId) {
        records(ctx).update(vdi, v -> v.toBuilder().contentId(contentId).build());
    }

    @Override
    public void vdiSetSmConfig(SrContext ctx, String vdi, Map<String, String> smConfig) {
        records(ctx).update(vdi, v -> v.toBuilder().smConfig(smConfig).build());
    }

    @Override
    public void vdiSetPersistent(SrContext ctx, String vdi, boolean persistent) {
        records(ctx).update(vdi, v -> v.toBuilder().persistent(persistent).build());
    }

    @Override
    public Backend vdiAttach(SrContext ctx, String vdi, String vm, boolean readWrite) {
        Object answer = call("vdi_attach", ctx, List.of(Boolean.toString(readWrite)),
                onVdi(stored(ctx, records(ctx), vdi)));
        String params;
        Map<String, String> xenstore = new LinkedHashMap<>();
        if (answer instanceof Map<?, ?> m) {
            params = str(m.get("params"));
            if (m.get("xenstore_data") instanceof Map<?, ?> xs) {
                xs.forEach((k, x) -> xenstore.put(str(k), str(x)));
            }
        } else {
            params = str(answer);
        }
        List<Implementation> impls = new ArrayList<>();
        impls.add(new Implementation.XenDisk(params, xenstore, "vbd3"));
        if (params.startsWith("/")) {
            impls.add(params.startsWith("/dev/") ? new Implementation.BlockDevice(params)
                    : new Implementation.File(params, "raw"));
        }
        return new Backend(impls);
    }

    @Override
    public void vdiActivate(SrContext ctx, String vdi, String vm, boolean readWrite) {
        call("vdi_activate", ctx, List.of(Boolean.toString(readWrite)), onVdi(stored(ctx, records(ctx), vdi)));
    }

    @Override
    public void vdiDeactivate(SrContext ctx, String vdi, String vm) {
        call("vdi_deactivate", ctx, List.of(), onVdi(stored(ctx, records(ctx), vdi)));
    }

    @Override
    public void vdiDetach(SrContext ctx, String vdi, String vm) {
        call("vdi_detach", ctx, List.of(), onVdi(stored(ctx, records(ctx), vdi)));
    }

    @Override
    public String toString() {
        return "SMAPIv1 driver " + exe;
    }
}
