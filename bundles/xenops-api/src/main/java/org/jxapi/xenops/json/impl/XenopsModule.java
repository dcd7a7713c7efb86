package org.jxapi.xenops.json.impl;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.jxapi.xenops.api.Barrier;
import org.jxapi.xenops.api.BuilderInfo;
import org.jxapi.xenops.api.Console;
import org.jxapi.xenops.api.DeviceId;
import org.jxapi.xenops.api.DeviceNumber;
import org.jxapi.xenops.api.Disk;
import org.jxapi.xenops.api.DomainType;
import org.jxapi.xenops.api.DynamicId;
import org.jxapi.xenops.api.Host;
import org.jxapi.xenops.api.HvmInfo;
import org.jxapi.xenops.api.IoniceQos;
import org.jxapi.xenops.api.IpConfiguration;
import org.jxapi.xenops.api.LockingMode;
import org.jxapi.xenops.api.Metadata;
import org.jxapi.xenops.api.Network;
import org.jxapi.xenops.api.Pci;
import org.jxapi.xenops.api.PciAddress;
import org.jxapi.xenops.api.PciState;
import org.jxapi.xenops.api.PowerState;
import org.jxapi.xenops.api.PvBoot;
import org.jxapi.xenops.api.PvInfo;
import org.jxapi.xenops.api.PvsProxy;
import org.jxapi.xenops.api.Query;
import org.jxapi.xenops.api.SchedulerParams;
import org.jxapi.xenops.api.Stat;
import org.jxapi.xenops.api.TaskInfo;
import org.jxapi.xenops.api.TaskState;
import org.jxapi.xenops.api.Updates;
import org.jxapi.xenops.api.Vbd;
import org.jxapi.xenops.api.VbdState;
import org.jxapi.xenops.api.Vgpu;
import org.jxapi.xenops.api.VgpuState;
import org.jxapi.xenops.api.VideoCard;
import org.jxapi.xenops.api.Vif;
import org.jxapi.xenops.api.VifState;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.VmAction;
import org.jxapi.xenops.api.VmState;
import org.jxapi.xenops.api.Vusb;
import org.jxapi.xenops.api.VusbState;
import org.jxapi.xenops.api.XenopsError;
import org.jxapi.xenops.json.impl.Variant.Tagged;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.TypeFactory;

/**
 * The xenops records in the original's shapes: records through the mix-ins of {@link RecordShapes}
 * and {@link StateShapes}, the original's variants (and the enums, which are variants without
 * contents) through one {@link Variant} each, options through {@link OptionDeserializer}, maps that
 * may come as pairs through {@link Pairs}, absent fields through {@link Defaults}. {@link Stat} is
 * {@code [config, state]}.
 */
final class XenopsModule extends SimpleModule {
    private static final long serialVersionUID = 1L;

    static final Variant<BuilderInfo> BUILDERS = Variant.of(BuilderInfo.class, "ty")
            .contents("HVM", HvmInfo.class, (HvmInfo h) -> h)
            .contents("PV", PvInfo.class, (PvInfo p) -> flavoured(p, PvInfo.Flavour.PV))
            .contents("PVinPVH", PvInfo.class, (PvInfo p) -> flavoured(p, PvInfo.Flavour.PV_IN_PVH))
            .contents("PVH", PvInfo.class, (PvInfo p) -> flavoured(p, PvInfo.Flavour.PVH))
            .writes(b -> b instanceof PvInfo p ? Tagged.of(p.flavour().wireName(), p) : Tagged.of("HVM", b));

    static final Variant<PvBoot> BOOTS = Variant.of(PvBoot.class, "boot")
            .contents("Direct", PvBoot.Direct.class, (PvBoot.Direct d) -> d)
            .contents("Indirect", PvBoot.Indirect.class, (PvBoot.Indirect i) -> i)
            .writes(b -> Tagged.of(b instanceof PvBoot.Direct ? "Direct" : "Indirect", b));

    /** The NVRAM policy written with UEFI firmware, in the original's field order. */
    @JsonPropertyOrder({"on_boot", "backend"})
    record UefiNvram(@JsonProperty("on_boot") String onBoot, String backend) {
    }

    private static final UefiNvram UEFI_NVRAM = new UefiNvram("Persist", "xapidb");

    XenopsModule() {
        super("xenops");
        enums();
        Variant.of(Disk.class, "disk")
                .contents("Local", String.class, (String s) -> Disk.local(s))
                .contents("VDI", String.class, (String s) -> Disk.vdi(s))
                .writes(d -> Tagged.of(d.kind() == Disk.Kind.LOCAL ? "Local" : "VDI", d.value()))
                .addTo(this);
        addDeserializer(BuilderInfo.class, deserializer(BuilderInfo.class, BUILDERS));
        addDeserializer(PvBoot.class, deserializer(PvBoot.class, BOOTS));
        tasks();
        ErrorShape.VARIANT.addTo(this);
        Variant.of(DynamicId.class, "id")
                .contents("Vm", String.class, (String s) -> DynamicId.vm(s))
                .contents("Task", String.class, (String s) -> DynamicId.task(s))
                .writes(i -> Tagged.of(i.kind().wireName(), i.kind().isDevice() ? i.deviceId() : i.id()))
                .otherwise(DeviceId.class, (String tag, DeviceId d) -> DynamicId.device(DynamicId.Kind.ofWireName(tag), d))
                .addTo(this);
        devices();
        records();
    }

    private void enums() {
        Variant.ofEnum(VmAction.class, "action", VmAction::wireName).addTo(this);
        Variant.ofEnum(PowerState.class, "power state", PowerState::wireName).addTo(this);
        Variant.ofEnum(DomainType.class, "domain type", DomainType::wireName)
                .otherwise(t -> DomainType.UNDEFINED).addTo(this);
        Variant.ofEnum(PvInfo.Flavour.class, "flavour", PvInfo.Flavour::wireName).addTo(this);
        Variant.ofEnum(VideoCard.class, "video", VideoCard::wireName)
                .writes(v -> v == VideoCard.IGD_PASSTHROUGH ? Tagged.of("IGD_passthrough", "GVT_d")
                        : Tagged.bare(v.wireName()))
                .addTo(this);
        Variant.of(HvmInfo.Firmware.class, "firmware")
                .tag("Uefi", HvmInfo.Firmware.UEFI)
                .otherwise(t -> HvmInfo.Firmware.BIOS)
                .writes(f -> f == HvmInfo.Firmware.UEFI ? Tagged.of("Uefi", UEFI_NVRAM) : Tagged.bare("Bios"))
                .addTo(this);
        Variant.ofEnum(Console.Protocol.class, "protocol", p -> p == Console.Protocol.RFB ? "Rfb" : "Vt100")
                .otherwise(t -> Console.Protocol.VT100).addTo(this);
        Variant.ofEnum(DeviceNumber.Bus.class, "bus", DeviceNumber.Bus::wireName).addTo(this);
        Variant.ofEnum(Vbd.Mode.class, "mode", Vbd.Mode::wireName).otherwise(t -> Vbd.Mode.READ_WRITE).addTo(this);
        Variant.ofEnum(Vbd.Type.class, "ty", Vbd.Type::wireName).otherwise(t -> Vbd.Type.DISK).addTo(this);
    }

    private void tasks() {
        Variant.of(TaskState.class, "task state")
                .contents("Pending", Double.class, (Double p) -> TaskState.pending(p == null ? 0 : p))
                .contents("Completed", RecordShapes.Completion.class,
                        (RecordShapes.Completion c) -> TaskState.completed(c.duration(), c.result()))
                .contents("Failed", XenopsError.class, (XenopsError e) -> TaskState.failed(e))
                .writes(s -> switch (s.status()) {
                    case PENDING -> Tagged.of("Pending", s.progress());
                    case COMPLETED -> Tagged.of("Completed", new RecordShapes.Completion(s.duration(), s.result()));
                    case FAILED -> Tagged.of("Failed", s.error());
                })
                .addTo(this);
    }

    /** {@code Remote} network contents: {@code [vm, switch]}. */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    record RemoteNetwork(String vm, String name) {
    }

    /** {@code Locked} contents. */
    record LockedAddresses(List<String> ipv4, List<String> ipv6) {
    }

    /** {@code Static4}/{@code Static6} contents: {@code [addresses, gateway option]}. */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    record StaticIp(List<String> addresses,
            @JsonSerialize(using = OptionSerializer.class, nullsUsing = OptionSerializer.class)
            @JsonDeserialize(using = OptionDeserializer.class) String gateway) {
    }

    /** An ionice scheduling class and its level: {@code "Idle"}, {@code ["BestEffort", level]}. */
    record IoniceClass(String schedulerClass, String level) {
    }

    private static final Variant<String> IONICE_LEVEL = Variant.of(String.class, "qos class")
            .otherwise(Long.class, (String tag, Long n) -> tag.equals("Other") ? String.valueOf(n) : tag)
            .writes(l -> !l.isEmpty() && l.chars().allMatch(Character::isDigit)
                    ? Tagged.of("Other", Long.parseLong(l)) : Tagged.bare(l));

    private void devices() {
        addSerializer(IoniceLevel.class, new StdSerializer<>(IoniceLevel.class) {
            private static final long serialVersionUID = 1L;

            @Override
            public void serialize(IoniceLevel l, JsonGenerator g, SerializerProvider p) throws IOException {
                IONICE_LEVEL.serialize(l.level(), g, p);
            }
        });
        addDeserializer(IoniceLevel.class, new StdDeserializer<>(IoniceLevel.class) {
            private static final long serialVersionUID = 1L;

            @Override
            public IoniceLevel deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return new IoniceLevel(IONICE_LEVEL.read(p, ctxt));
            }
        });
        Variant.of(IoniceClass.class, "qos")
                .otherwise(IoniceLevel.class, (String cls, IoniceLevel l) -> new IoniceClass(cls, l == null ? null : l.level()))
                .writes(c -> c.level() == null ? Tagged.bare(c.schedulerClass())
                        : Tagged.of(c.schedulerClass(), new IoniceLevel(c.level())))
                .addTo(this);
        Variant.of(IoniceQos.class, "qos")
                .contents("Ionice", IoniceClass.class, (IoniceClass c) -> new IoniceQos(c.schedulerClass(), c.level()))
                .writes(q -> Tagged.of("Ionice", new IoniceClass(q.schedulerClass(), q.level())))
                .addTo(this);
        Variant.of(Network.class, "network")
                .contents("Local", String.class, (String s) -> Network.local(s))
                .contents("Remote", RemoteNetwork.class, (RemoteNetwork r) -> Network.remote(r.vm(), r.name()))
                .contents("Sriov", PciAddress.class, (PciAddress a) -> Network.sriov(a))
                .writes(n -> switch (n.kind()) {
                    case LOCAL -> Tagged.of("Local", n.name());
                    case REMOTE -> Tagged.of("Remote", new RemoteNetwork(n.vm(), n.name()));
                    case SRIOV -> Tagged.of("Sriov", n.sriov());
                })
                .addTo(this);
        Variant.of(LockingMode.class, "locking mode")
                .tag("Unlocked", LockingMode.unlocked())
                .tag("Disabled", new LockingMode(LockingMode.Kind.DISABLED, List.of(), List.of()))
                .contents("Locked", LockedAddresses.class,
                        (LockedAddresses l) -> new LockingMode(LockingMode.Kind.LOCKED, l.ipv4(), l.ipv6()))
                .writes(l -> switch (l.kind()) {
                    case UNLOCKED -> Tagged.bare("Unlocked");
                    case DISABLED -> Tagged.bare("Disabled");
                    case LOCKED -> Tagged.of("Locked", new LockedAddresses(l.ipv4(), l.ipv6()));
                })
                .addTo(this);
        ipConfigurations();
        Variant.of(RecordShapes.VgpuShape.Implementation.class, "implementation")
                .otherwise(TypeFactory.defaultInstance().constructMapType(Map.class, String.class, String.class),
                        (String kind, Map<String, String> params) -> new RecordShapes.VgpuShape.Implementation(kind, params))
                .writes(i -> i.kind().equals("Empty") && i.params().isEmpty() ? Tagged.bare("Empty")
                        : Tagged.of(i.kind(), i.params()))
                .addTo(this);
    }

    /** A level on its own type, so that its variant does not apply to every string. */
    record IoniceLevel(String level) {
    }

    private static final Variant<IpConfiguration> IP_CONFIGURATIONS = Variant.of(IpConfiguration.class, "ip configuration")
            .otherwise(StaticIp.class, (String tag, StaticIp s) -> {
                if (tag.startsWith("Unspecified")) {
                    return IpConfiguration.unspecified();
                }
                if (tag.equals("DHCP4") || tag.equals("Autoconf6")) {
                    return new IpConfiguration(IpConfiguration.Kind.AUTOMATIC, List.of(), null);
                }
                if (s == null) {
                    throw new IllegalArgumentException(tag + ": expected [addresses, gateway]");
                }
                return new IpConfiguration(IpConfiguration.Kind.STATIC, s.addresses(), s.gateway());
            });

    private void ipConfigurations() {
        // The original has one IP configuration type per family; they differ in their tags only, so the
        // name the value is written under (the VIF field, the call's parameter) picks the family.
        addSerializer(IpConfiguration.class, new StdSerializer<>(IpConfiguration.class) {
            private static final long serialVersionUID = 1L;

            @Override
            public void serialize(IpConfiguration c, JsonGenerator g, SerializerProvider p) throws IOException {
                String name = g.getOutputContext().getCurrentName();
                boolean v6 = name != null && name.startsWith("ipv6");
                String n = v6 ? "6" : "4";
                Variant.write(switch (c.kind()) {
                    case UNSPECIFIED -> Tagged.bare("Unspecified" + n);
                    case AUTOMATIC -> Tagged.bare(v6 ? "Autoconf6" : "DHCP4");
                    case STATIC -> Tagged.of("Static" + n, new StaticIp(c.addresses(), c.gateway()));
                }, g, p);
            }
        });
        addDeserializer(IpConfiguration.class, deserializer(IpConfiguration.class, IP_CONFIGURATIONS));
    }

    private void records() {
        setMixInAnnotation(Vm.class, RecordShapes.Vm.class);
        setMixInAnnotation(HvmInfo.class, RecordShapes.HvmInfo.class);
        setMixInAnnotation(PvInfo.class, RecordShapes.PvInfo.class);
        setMixInAnnotation(PvBoot.Direct.class, RecordShapes.DirectBoot.class);
        setMixInAnnotation(PvBoot.Indirect.class, RecordShapes.IndirectBoot.class);
        setMixInAnnotation(SchedulerParams.class, RecordShapes.Scheduler.class);
        setMixInAnnotation(VmState.class, RecordShapes.VmState.class);
        setMixInAnnotation(TaskInfo.class, RecordShapes.TaskInfo.class);
        setMixInAnnotation(Query.class, RecordShapes.Query.class);
        setMixInAnnotation(Host.class, RecordShapes.Host.class);
        setMixInAnnotation(Host.CpuInfo.class, RecordShapes.CpuInfo.class);
        setMixInAnnotation(Updates.class, RecordShapes.UpdatesShape.class);
        setMixInAnnotation(Barrier.class, RecordShapes.BarrierShape.class);
        setMixInAnnotation(DeviceId.class, RecordShapes.DeviceIdShape.class);
        setMixInAnnotation(DeviceNumber.class, RecordShapes.DeviceNumberShape.class);
        setMixInAnnotation(Vbd.class, RecordShapes.Vbd.class);
        setMixInAnnotation(VbdState.class, RecordShapes.VbdState.class);
        setMixInAnnotation(Vif.class, RecordShapes.Vif.class);
        setMixInAnnotation(Vif.Rate.class, RecordShapes.RateShape.class);
        setMixInAnnotation(PvsProxy.class, RecordShapes.PvsProxyShape.class);
        setMixInAnnotation(PvsProxy.Server.class, RecordShapes.PvsServer.class);
        setMixInAnnotation(Pci.class, RecordShapes.Pci.class);
        setMixInAnnotation(Vgpu.class, RecordShapes.VgpuConverters.class);
        setMixInAnnotation(Vusb.class, RecordShapes.Vusb.class);
        setMixInAnnotation(Metadata.class, RecordShapes.Metadata.class);
        setMixInAnnotation(VifState.class, StateShapes.VifState.class);
        setMixInAnnotation(PciState.class, StateShapes.PciState.class);
        setMixInAnnotation(VgpuState.class, StateShapes.VgpuState.class);
        setMixInAnnotation(VusbState.class, StateShapes.VusbState.class);
        setMixInAnnotation(Stat.class, StatShape.class);
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        context.addDeserializers(new StatDeserializers());
        context.addValueInstantiators(new Defaults());
        context.addBeanDeserializerModifier(new Pairs.Reading());
        context.addBeanDeserializerModifier(new ObjectRecords());
        context.addBeanSerializerModifier(new RecordOrder());
    }

    private static PvInfo flavoured(PvInfo p, PvInfo.Flavour f) {
        if (p == null) {
            throw new IllegalArgumentException(f.wireName() + ": expected the guest's settings");
        }
        return new PvInfo(f, p.boot(), p.framebuffer(), p.framebufferIp(), p.vncterm(), p.vnctermIp(),
                p.pciPassthrough());
    }

    private static <T> JsonDeserializer<T> deserializer(Class<T> type, Variant<T> v) {
        return new StdDeserializer<T>(type) {
            private static final long serialVersionUID = 1L;

            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return v.read(p, ctxt);
            }
        };
    }

    /** The builder variant where the declared type is the sealed interface (a Vm's {@code ty}). */
    static final class BuilderWriter extends StdSerializer<BuilderInfo> {
        private static final long serialVersionUID = 1L;

        BuilderWriter() {
            super(BuilderInfo.class);
        }

        @Override
        public void serialize(BuilderInfo b, JsonGenerator g, SerializerProvider p) throws IOException {
            BUILDERS.serialize(b, g, p);
        }
    }

    /** The boot variant where the declared type is the sealed interface (a PV guest's {@code boot}). */
    static final class BootWriter extends StdSerializer<PvBoot> {
        private static final long serialVersionUID = 1L;

        BootWriter() {
            super(PvBoot.class);
        }

        @Override
        public void serialize(PvBoot b, JsonGenerator g, SerializerProvider p) throws IOException {
            BOOTS.serialize(b, g, p);
        }
    }

    /** {@code Stat} is a pair on the wire: {@code [config, state]}. */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"config", "state"})
    abstract static class StatShape {
    }

    /** Reads a {@code [config, state]} pair with the stat's own type arguments. */
    private static final class StatDeserializers extends Deserializers.Base {
        @Override
        public JsonDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config,
                BeanDescription beanDesc) {
            if (type.getRawClass() != Stat.class) {
                return null;
            }
            Nested c = new Nested(type.containedTypeOrUnknown(0));
            Nested s = new Nested(type.containedTypeOrUnknown(1));
            return new StdDeserializer<Stat<?, ?>>(type) {
                private static final long serialVersionUID = 1L;

                @Override
                public Stat<?, ?> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                    if (!p.isExpectedStartArrayToken()) {
                        throw new IllegalArgumentException("stat: expected an array, got " + p.currentToken());
                    }
                    p.nextToken();
                    Object config = c.read(p, ctxt);
                    p.nextToken();
                    Object state = s.read(p, ctxt);
                    if (p.nextToken() != JsonToken.END_ARRAY) {
                        throw new IllegalArgumentException("stat: expected [config, state]");
                    }
                    return new Stat<>(config, state);
                }
            };
        }
    }
}
