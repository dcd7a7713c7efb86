package org.jxapi.networkd.impl.json;

import java.io.IOException;

import org.jxapi.networkd.api.Address;
import org.jxapi.networkd.api.BridgeConfig;
import org.jxapi.networkd.api.Diagnostics;
import org.jxapi.networkd.api.Dns;
import org.jxapi.networkd.api.InterfaceConfig;
import org.jxapi.networkd.api.Ipv4Conf;
import org.jxapi.networkd.api.Ipv4Route;
import org.jxapi.networkd.api.Ipv6Conf;
import org.jxapi.networkd.api.Kind;
import org.jxapi.networkd.api.Link;
import org.jxapi.networkd.api.NetworkConfig;
import org.jxapi.networkd.api.PortConfig;
import org.jxapi.networkd.api.SriovEnableResult;
import org.jxapi.networkd.api.SriovVfConfig;
import org.jxapi.networkd.api.Tunnel;
import org.jxapi.networkd.api.VifLocking;
import org.jxapi.networkd.api.VifPort;
import org.jxapi.networkd.api.Vlan;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * The one Jackson mapper of networkd: the API records in the original's JSON shapes, for
 * {@code networkd.db} and the RPC. Unknown fields are ignored, so a file written by a newer version
 * (or the original) still reads.
 */
public final class NetworkdJson {
    private static final ObjectMapper MAPPER = build();

    private NetworkdJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static ObjectMapper build() {
        SimpleModule variants = new SimpleModule("networkd-variants");
        variants.addSerializer(Ipv4Conf.class, new Ipv4ConfCodec.Serializer());
        variants.addDeserializer(Ipv4Conf.class, new Ipv4ConfCodec.Deserializer());
        variants.addSerializer(Ipv6Conf.class, new Ipv6ConfCodec.Serializer());
        variants.addDeserializer(Ipv6Conf.class, new Ipv6ConfCodec.Deserializer());
        variants.addSerializer(Kind.class, new WireMixins.KindSerializer());
        variants.addDeserializer(Kind.class, new WireMixins.KindDeserializer());
        variants.addSerializer(SriovEnableResult.class, new WireMixins.SriovResultSerializer());
        variants.addDeserializer(SriovEnableResult.class, new WireMixins.SriovResultDeserializer());
        variants.addSerializer(VifLocking.Mode.class, new WireMixins.LockingModeSerializer());
        variants.addDeserializer(VifLocking.Mode.class, new WireMixins.LockingModeDeserializer());
        return JsonMapper.builder()
                .addMixIn(NetworkConfig.class, ConfigMixins.NetworkConfigMixin.class)
                .addMixIn(InterfaceConfig.class, ConfigMixins.InterfaceConfigMixin.class)
                .addMixIn(BridgeConfig.class, ConfigMixins.BridgeConfigMixin.class)
                .addMixIn(PortConfig.class, ConfigMixins.PortConfigMixin.class)
                .addMixIn(Tunnel.class, ConfigMixins.TunnelMixin.class)
                .addMixIn(Tunnel.Protocol.class, ConfigMixins.TunnelProtocolMixin.class)
                .addMixIn(Address.class, ConfigMixins.AddressMixin.class)
                .addMixIn(Vlan.class, ConfigMixins.VlanMixin.class)
                .addMixIn(Ipv4Route.class, ConfigMixins.Ipv4RouteMixin.class)
                .addMixIn(Dns.class, ConfigMixins.DnsMixin.class)
                .addMixIn(VifPort.class, WireMixins.VifPortMixin.class)
                .addMixIn(VifLocking.class, WireMixins.VifLockingMixin.class)
                .addMixIn(Link.class, WireMixins.LinkMixin.class)
                .addMixIn(Diagnostics.class, WireMixins.DiagnosticsMixin.class)
                .addMixIn(SriovVfConfig.class, WireMixins.SriovVfConfigMixin.class)
                .addModule(variants)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
    }

    public static byte[] writeConfig(NetworkConfig config) throws IOException {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(config);
    }

    public static NetworkConfig readConfig(byte[] json) throws IOException {
        NetworkConfig c = MAPPER.readValue(json, NetworkConfig.class);
        return c == null ? NetworkConfig.EMPTY : c;
    }
}
