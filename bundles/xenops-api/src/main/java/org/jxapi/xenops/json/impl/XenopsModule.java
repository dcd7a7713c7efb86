package org.jxapi.xenops.json.impl;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import org.jxapi.xenops.api.BuilderInfo;
import org.jxapi.xenops.api.DeviceId;
import org.jxapi.xenops.api.DeviceNumber;
import org.jxapi.xenops.api.Disk;
import org.jxapi.xenops.api.DynamicId;
import org.jxapi.xenops.api.Host;
import org.jxapi.xenops.api.IpConfiguration;
import org.jxapi.xenops.api.LockingMode;
import org.jxapi.xenops.api.Metadata;
import org.jxapi.xenops.api.Network;
import org.jxapi.xenops.api.Pci;
import org.jxapi.xenops.api.PciAddress;
import org.jxapi.xenops.api.PciState;
import org.jxapi.xenops.api.PvsProxy;
import org.jxapi.xenops.api.Query;
import org.jxapi.xenops.api.Stat;
import org.jxapi.xenops.api.TaskInfo;
import org.jxapi.xenops.api.TaskState;
import org.jxapi.xenops.api.Updates;
import org.jxapi.xenops.api.Vbd;
import org.jxapi.xenops.api.VbdState;
import org.jxapi.xenops.api.Vgpu;
import org.jxapi.xenops.api.VgpuState;
import org.jxapi.xenops.api.Vif;
import org.jxapi.xenops.api.VifState;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.VmState;
import org.jxapi.xenops.api.Vusb;
import org.jxapi.xenops.api.VusbState;
import org.jxapi.xenops.api.XenopsError;

import com.fasterxml.jackson.annotation.JsonFormat;
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
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * The xenops records in the original's shapes. Each record type has one encoder to plain values
 * and one decoder from them ({@link Wire}, {@link DeviceWire}); this module plugs them into Jackson
 * so that records nest freely inside maps, lists and RPC envelopes. {@link Stat} is a mix-in:
 * {@code [config, state]}.
 */
final class XenopsModule extends SimpleModule {
    private static final long serialVersionUID = 1L;

    private final Map<Class<?>, Function<Object, ?>> decoders = new HashMap<>();

    XenopsModule() {
        super("xenops");
        record(Disk.class, Wire::encode, Wire::decodeDisk);
        record(Vm.class, Wire::encode, Wire::decodeVm);
        record(BuilderInfo.class, Wire::encode, Wire::decodeBuilderInfo);
        record(VmState.class, Wire::encode, Wire::decodeVmState);
        record(TaskState.class, Wire::encode, Wire::decodeTaskState);
        record(TaskInfo.class, Wire::encode, Wire::decodeTaskInfo);
        record(XenopsError.class, Wire::encode, Wire::decodeError);
        record(DynamicId.class, Wire::encode, Wire::decodeDynamicId);
        record(Updates.class, Wire::encode, Wire::decodeUpdates);
        record(Query.class, Wire::encode, Wire::decodeQuery);
        record(Host.class, Wire::encode, Wire::decodeHost);
        record(DeviceId.class, DeviceWire::encode, DeviceWire::decodeDeviceId);
        record(DeviceNumber.class, DeviceWire::encode, DeviceWire::decodeDeviceNumber);
        record(PciAddress.class, DeviceWire::encode, DeviceWire::decodePciAddress);
        record(Vbd.class, DeviceWire::encode, DeviceWire::decodeVbd);
        record(VbdState.class, DeviceWire::encode, DeviceWire::decodeVbdState);
        record(Network.class, DeviceWire::encode, DeviceWire::decodeNetwork);
        record(LockingMode.class, DeviceWire::encode, DeviceWire::decodeLockingMode);
        record(PvsProxy.class, DeviceWire::encode, DeviceWire::decodePvsProxy);
        record(Vif.class, DeviceWire::encode, DeviceWire::decodeVif);
        setMixInAnnotation(VifState.class, StateShapes.VifState.class);
        record(Pci.class, DeviceWire::encode, DeviceWire::decodePci);
        setMixInAnnotation(PciState.class, StateShapes.PciState.class);
        record(Vgpu.class, DeviceWire::encode, DeviceWire::decodeVgpu);
        setMixInAnnotation(VgpuState.class, StateShapes.VgpuState.class);
        record(Vusb.class, DeviceWire::encode, DeviceWire::decodeVusb);
        setMixInAnnotation(VusbState.class, StateShapes.VusbState.class);
        record(Metadata.class, DeviceWire::encode, DeviceWire::decodeMetadata);
        // The original has one IP configuration type per family; they differ in their tags only, so the
        // name the value is written under (the VIF field, the call's parameter) picks the family.
        addSerializer(IpConfiguration.class, new StdSerializer<>(IpConfiguration.class) {
            private static final long serialVersionUID = 1L;

            @Override
            public void serialize(IpConfiguration c, JsonGenerator g, SerializerProvider p) throws IOException {
                String name = g.getOutputContext().getCurrentName();
                g.writeObject(DeviceWire.encode(c, name != null && name.startsWith("ipv6")));
            }
        });
        addDeserializer(IpConfiguration.class, new Decoding<>(IpConfiguration.class, DeviceWire::decodeIpConfiguration));
        decoders.put(IpConfiguration.class, DeviceWire::decodeIpConfiguration);
        setMixInAnnotation(Stat.class, StatShape.class);
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        context.addDeserializers(new StatDeserializers());
    }

    /** The decoder of a record type, for callers that already hold plain values. */
    Function<Object, ?> decoder(Class<?> type) {
        return decoders.get(type);
    }

    private <T> void record(Class<T> type, Function<T, Object> encode, Function<Object, T> decode) {
        addSerializer(type, new StdSerializer<T>(type) {
            private static final long serialVersionUID = 1L;

            @Override
            public void serialize(T value, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeObject(encode.apply(value));
            }
        });
        addDeserializer(type, new Decoding<>(type, decode));
        decoders.put(type, decode);
    }

    private static final class Decoding<T> extends StdDeserializer<T> {
        private static final long serialVersionUID = 1L;
        private final transient Function<Object, T> decode;

        Decoding(Class<T> type, Function<Object, T> decode) {
            super(type);
            this.decode = decode;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return decode.apply(ctxt.readValue(p, Object.class));
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
            JavaType c = type.containedTypeOrUnknown(0);
            JavaType s = type.containedTypeOrUnknown(1);
            return new StdDeserializer<Stat<?, ?>>(type) {
                private static final long serialVersionUID = 1L;

                @Override
                public Stat<?, ?> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                    if (!p.isExpectedStartArrayToken()) {
                        throw new IllegalArgumentException("stat: expected an array, got " + p.currentToken());
                    }
                    p.nextToken();
                    Object config = ctxt.readValue(p, c);
                    p.nextToken();
                    Object state = ctxt.readValue(p, s);
                    if (p.nextToken() != JsonToken.END_ARRAY) {
                        throw new IllegalArgumentException("stat: expected [config, state]");
                    }
                    return new Stat<>(config, state);
                }
            };
        }
    }
}
