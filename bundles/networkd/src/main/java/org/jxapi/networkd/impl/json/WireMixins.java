package org.jxapi.networkd.impl.json;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import org.jxapi.networkd.api.Kind;
import org.jxapi.networkd.api.SriovEnableResult;
import org.jxapi.networkd.api.VifLocking;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * Wire shapes of the records only the RPC carries: the original's variants for {@code kind} and
 * {@code enable_action_result}, its {@code sriov_vf_config} fields, and snake_case names for jxapi's
 * own records (guest ports, locking, link, diagnostics).
 */
final class WireMixins {
    private WireMixins() {
    }

    abstract static class VifPortMixin {
        @JsonCreator
        VifPortMixin(@JsonProperty("bridge") String bridge, @JsonProperty("device") String device,
                @JsonProperty("vif_id") String vifId, @JsonProperty("mac") String mac, @JsonProperty("mtu") int mtu,
                @JsonProperty("carrier") boolean carrier, @JsonProperty("locking") VifLocking locking,
                @JsonProperty("rate_kbps") long rateKbps) {
        }

        @JsonProperty("vif_id")
        abstract String vifId();

        @JsonProperty("rate_kbps")
        abstract long rateKbps();
    }

    abstract static class VifLockingMixin {
        @JsonCreator
        VifLockingMixin(@JsonProperty("mode") VifLocking.Mode mode,
                @JsonProperty("ipv4_allowed") List<String> ipv4Allowed,
                @JsonProperty("ipv6_allowed") List<String> ipv6Allowed) {
        }

        @JsonProperty("ipv4_allowed")
        abstract List<String> ipv4Allowed();

        @JsonProperty("ipv6_allowed")
        abstract List<String> ipv6Allowed();
    }

    abstract static class LinkMixin {
        @JsonCreator
        LinkMixin(@JsonProperty("carrier") boolean carrier, @JsonProperty("speed_mbit") long speedMbit,
                @JsonProperty("duplex") String duplex) {
        }

        @JsonProperty("speed_mbit")
        abstract long speedMbit();
    }

    abstract static class DiagnosticsMixin {
        @JsonCreator
        DiagnosticsMixin(@JsonProperty("backend") String backend, @JsonProperty("kind") Kind kind,
                @JsonProperty("startup_changes") int startupChanges,
                @JsonProperty("last_make_config_changes") int lastMakeConfigChanges) {
        }

        @JsonProperty("startup_changes")
        abstract int startupChanges();

        @JsonProperty("last_make_config_changes")
        abstract int lastMakeConfigChanges();
    }

    abstract static class SriovVfConfigMixin {
        @JsonCreator
        SriovVfConfigMixin(@JsonProperty("mac") @JsonDeserialize(using = OptionDeserializer.class) String mac,
                @JsonProperty("vlan") @JsonDeserialize(using = OptionDeserializer.class) Long vlan,
                @JsonProperty("rate") @JsonDeserialize(using = OptionDeserializer.class) Long rate) {
        }

        @JsonProperty("mac")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract String mac();

        @JsonProperty("vlan")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract Long vlan();

        @JsonProperty("rate")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract Long rate();
    }

    /** The original's {@code kind}: {@code ["Openvswitch"]} or {@code ["Bridge"]}. */
    static final class KindSerializer extends StdSerializer<Kind> {
        private static final long serialVersionUID = 1L;

        KindSerializer() {
            super(Kind.class);
        }

        @Override
        public void serialize(Kind value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartArray();
            gen.writeString(value == Kind.OPENVSWITCH ? "Openvswitch" : "Bridge");
            gen.writeEndArray();
        }
    }

    static final class KindDeserializer extends StdDeserializer<Kind> {
        private static final long serialVersionUID = 1L;

        KindDeserializer() {
            super(Kind.class);
        }

        @Override
        public Kind deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String name = Variant.of(ctxt.readTree(p)).name().toLowerCase(Locale.ROOT);
            for (Kind k : Kind.values()) {
                if (k.wireName().equals(name)) {
                    return k;
                }
            }
            return ctxt.reportInputMismatch(Kind.class, "unknown kind %s", name);
        }
    }

    /** The original's {@code enable_action_result}: {@code ["Sysfs_successful"]}, ... */
    static final class SriovResultSerializer extends StdSerializer<SriovEnableResult> {
        private static final long serialVersionUID = 1L;

        SriovResultSerializer() {
            super(SriovEnableResult.class);
        }

        @Override
        public void serialize(SriovEnableResult value, JsonGenerator gen, SerializerProvider provider)
                throws IOException {
            String n = value.name().toLowerCase(Locale.ROOT);
            gen.writeStartArray();
            gen.writeString(Character.toUpperCase(n.charAt(0)) + n.substring(1));
            gen.writeEndArray();
        }
    }

    static final class SriovResultDeserializer extends StdDeserializer<SriovEnableResult> {
        private static final long serialVersionUID = 1L;

        SriovResultDeserializer() {
            super(SriovEnableResult.class);
        }

        @Override
        public SriovEnableResult deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return SriovEnableResult.valueOf(Variant.of(ctxt.readTree(p)).name().toUpperCase(Locale.ROOT));
        }
    }

    /** The original's locking modes are lower case ({@code locked}); read in any case. */
    static final class LockingModeSerializer extends StdSerializer<VifLocking.Mode> {
        private static final long serialVersionUID = 1L;

        LockingModeSerializer() {
            super(VifLocking.Mode.class);
        }

        @Override
        public void serialize(VifLocking.Mode value, JsonGenerator gen, SerializerProvider provider)
                throws IOException {
            gen.writeString(value.name().toLowerCase(Locale.ROOT));
        }
    }

    static final class LockingModeDeserializer extends StdDeserializer<VifLocking.Mode> {
        private static final long serialVersionUID = 1L;

        LockingModeDeserializer() {
            super(VifLocking.Mode.class);
        }

        @Override
        public VifLocking.Mode deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return VifLocking.Mode.valueOf(p.getValueAsString().toUpperCase(Locale.ROOT));
        }
    }
}
