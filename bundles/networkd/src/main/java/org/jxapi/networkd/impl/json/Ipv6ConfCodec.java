package org.jxapi.networkd.impl.json;

import java.io.IOException;
import java.util.List;

import org.jxapi.networkd.api.Address;
import org.jxapi.networkd.api.Ipv6Conf;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * The original's {@code ipv6} variant: {@code ["None6"]}, {@code ["Linklocal6"]}, {@code ["DHCP6"]},
 * {@code ["Autoconf6"]}, {@code ["Static6", [[addr, prefix], ...]]}.
 */
final class Ipv6ConfCodec {
    private Ipv6ConfCodec() {
    }

    static final class Serializer extends StdSerializer<Ipv6Conf> {
        private static final long serialVersionUID = 1L;

        Serializer() {
            super(Ipv6Conf.class);
        }

        @Override
        public void serialize(Ipv6Conf value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartArray();
            if (value instanceof Ipv6Conf.Static s) {
                gen.writeString("Static6");
                provider.defaultSerializeValue(s.addresses(), gen);
            } else if (value instanceof Ipv6Conf.LinkLocal) {
                gen.writeString("Linklocal6");
            } else if (value instanceof Ipv6Conf.Dhcp) {
                gen.writeString("DHCP6");
            } else if (value instanceof Ipv6Conf.Autoconf) {
                gen.writeString("Autoconf6");
            } else {
                gen.writeString("None6");
            }
            gen.writeEndArray();
        }
    }

    static final class Deserializer extends StdDeserializer<Ipv6Conf> {
        private static final long serialVersionUID = 1L;

        Deserializer() {
            super(Ipv6Conf.class);
        }

        @Override
        public Ipv6Conf deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Variant v = Variant.of(ctxt.readTree(p));
            return switch (v.name()) {
                case "None6" -> Ipv6Conf.NONE;
                case "Linklocal6" -> Ipv6Conf.LINK_LOCAL;
                case "DHCP6" -> Ipv6Conf.DHCP;
                case "Autoconf6" -> Ipv6Conf.AUTOCONF;
                case "Static6" -> new Ipv6Conf.Static(v.arg() == null ? List.of()
                        : ctxt.readTreeAsValue(v.arg(),
                                ctxt.getTypeFactory().constructCollectionType(List.class, Address.class)));
                default -> ctxt.reportInputMismatch(Ipv6Conf.class, "unknown ipv6 variant %s", v.name());
            };
        }
    }
}
