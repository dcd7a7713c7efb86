package org.jxapi.networkd.impl.json;

import java.io.IOException;
import java.util.List;

import org.jxapi.networkd.api.Address;
import org.jxapi.networkd.api.Ipv4Conf;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/** The original's {@code ipv4} variant: {@code ["None4"]}, {@code ["DHCP4"]}, {@code ["Static4", [[addr, prefix], ...]]}. */
final class Ipv4ConfCodec {
    private Ipv4ConfCodec() {
    }

    static final class Serializer extends StdSerializer<Ipv4Conf> {
        private static final long serialVersionUID = 1L;

        Serializer() {
            super(Ipv4Conf.class);
        }

        @Override
        public void serialize(Ipv4Conf value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartArray();
            if (value instanceof Ipv4Conf.Static s) {
                gen.writeString("Static4");
                provider.defaultSerializeValue(s.addresses(), gen);
            } else {
                gen.writeString(value instanceof Ipv4Conf.Dhcp ? "DHCP4" : "None4");
            }
            gen.writeEndArray();
        }
    }

    static final class Deserializer extends StdDeserializer<Ipv4Conf> {
        private static final long serialVersionUID = 1L;

        Deserializer() {
            super(Ipv4Conf.class);
        }

        @Override
        public Ipv4Conf deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode node = ctxt.readTree(p);
            Variant v = Variant.of(node);
            return switch (v.name()) {
                case "None4" -> Ipv4Conf.NONE;
                case "DHCP4" -> Ipv4Conf.DHCP;
                case "Static4" -> new Ipv4Conf.Static(v.arg() == null ? List.of()
                        : ctxt.readTreeAsValue(v.arg(),
                                ctxt.getTypeFactory().constructCollectionType(List.class, Address.class)));
                default -> ctxt.reportInputMismatch(Ipv4Conf.class, "unknown ipv4 variant %s", v.name());
            };
        }
    }
}
