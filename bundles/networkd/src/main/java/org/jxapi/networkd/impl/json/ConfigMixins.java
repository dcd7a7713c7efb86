package org.jxapi.networkd.impl.json;

import java.util.List;
import java.util.Map;

import org.jxapi.networkd.api.BridgeConfig;
import org.jxapi.networkd.api.Dns;
import org.jxapi.networkd.api.InterfaceConfig;
import org.jxapi.networkd.api.Ipv4Conf;
import org.jxapi.networkd.api.Ipv4Route;
import org.jxapi.networkd.api.Ipv6Conf;
import org.jxapi.networkd.api.PortConfig;
import org.jxapi.networkd.api.Tunnel;
import org.jxapi.networkd.api.Vlan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

/**
 * The original's field names and shapes for the API's configuration records ({@code config_t},
 * {@code interface_config_t}, {@code bridge_config_t}, {@code port_config_t}): association lists as
 * {@code [[k, v]]}, tuples as lists, options left out when None and bare when Some (as ppx_deriving_rpc
 * writes record fields), read back in every option shape.
 */
final class ConfigMixins {
    private ConfigMixins() {
    }

    @JsonPropertyOrder({"interface_config", "bridge_config", "gateway_interface", "dns_interface"})
    abstract static class NetworkConfigMixin {
        @JsonCreator
        NetworkConfigMixin(
                @JsonProperty("interface_config") @JsonDeserialize(using = PairsDeserializer.class)
                Map<String, InterfaceConfig> interfaces,
                @JsonProperty("bridge_config") @JsonDeserialize(using = PairsDeserializer.class)
                Map<String, BridgeConfig> bridges,
                @JsonProperty("gateway_interface") @JsonDeserialize(using = OptionDeserializer.class)
                String gatewayInterface,
                @JsonProperty("dns_interface") @JsonDeserialize(using = OptionDeserializer.class)
                String dnsInterface) {
        }

        @JsonProperty("interface_config")
        @JsonSerialize(using = PairsSerializer.class)
        abstract Map<String, InterfaceConfig> interfaces();

        @JsonProperty("bridge_config")
        @JsonSerialize(using = PairsSerializer.class)
        abstract Map<String, BridgeConfig> bridges();

        @JsonProperty("gateway_interface")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract String gatewayInterface();

        @JsonProperty("dns_interface")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract String dnsInterface();
    }

    @JsonPropertyOrder({"ipv4_conf", "ipv4_gateway", "ipv6_conf", "ipv6_gateway", "ipv4_routes", "dns", "mtu",
            "ethtool_settings", "ethtool_offload", "persistent_i"})
    abstract static class InterfaceConfigMixin {
        @JsonCreator
        InterfaceConfigMixin(@JsonProperty("ipv4_conf") Ipv4Conf ipv4,
                @JsonProperty("ipv4_gateway") @JsonDeserialize(using = OptionDeserializer.class) String ipv4Gateway,
                @JsonProperty("ipv6_conf") Ipv6Conf ipv6,
                @JsonProperty("ipv6_gateway") @JsonDeserialize(using = OptionDeserializer.class) String ipv6Gateway,
                @JsonProperty("ipv4_routes") List<Ipv4Route> ipv4Routes,
                @JsonProperty("dns") Dns dns,
                @JsonProperty("mtu") int mtu,
                @JsonProperty("ethtool_settings") @JsonDeserialize(using = PairsDeserializer.class)
                Map<String, String> ethtoolSettings,
                @JsonProperty("ethtool_offload") @JsonDeserialize(using = PairsDeserializer.class)
                Map<String, String> ethtoolOffload,
                @JsonProperty("persistent_i") boolean persistent) {
        }

        @JsonProperty("ipv4_conf")
        abstract Ipv4Conf ipv4();

        @JsonProperty("ipv4_gateway")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract String ipv4Gateway();

        @JsonProperty("ipv6_conf")
        abstract Ipv6Conf ipv6();

        @JsonProperty("ipv6_gateway")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract String ipv6Gateway();

        @JsonProperty("ipv4_routes")
        abstract List<Ipv4Route> ipv4Routes();

        @JsonProperty("ethtool_settings")
        @JsonSerialize(using = PairsSerializer.class)
        abstract Map<String, String> ethtoolSettings();

        @JsonProperty("ethtool_offload")
        @JsonSerialize(using = PairsSerializer.class)
        abstract Map<String, String> ethtoolOffload();

        @JsonProperty("persistent_i")
        abstract boolean persistent();
    }

    @JsonPropertyOrder({"ports", "vlan", "bridge_mac", "igmp_snooping", "other_config", "persistent_b"})
    abstract static class BridgeConfigMixin {
        @JsonCreator
        BridgeConfigMixin(
                @JsonProperty("ports") @JsonDeserialize(using = PairsDeserializer.class) Map<String, PortConfig> ports,
                @JsonProperty("vlan") @JsonDeserialize(using = OptionDeserializer.class) Vlan vlan,
                @JsonProperty("bridge_mac") @JsonDeserialize(using = OptionDeserializer.class) String bridgeMac,
                @JsonProperty("igmp_snooping") @JsonDeserialize(using = OptionDeserializer.class) Boolean igmpSnooping,
                @JsonProperty("other_config") @JsonDeserialize(using = PairsDeserializer.class)
                Map<String, String> otherConfig,
                @JsonProperty("persistent_b") boolean persistent) {
        }

        @JsonProperty("ports")
        @JsonSerialize(using = PairsSerializer.class)
        abstract Map<String, PortConfig> ports();

        @JsonProperty("vlan")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract Vlan vlan();

        @JsonProperty("bridge_mac")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract String bridgeMac();

        @JsonProperty("igmp_snooping")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract Boolean igmpSnooping();

        @JsonProperty("other_config")
        @JsonSerialize(using = PairsSerializer.class)
        abstract Map<String, String> otherConfig();

        @JsonProperty("persistent_b")
        abstract boolean persistent();
    }

    @JsonPropertyOrder({"interfaces", "bond_properties", "bond_mac", "tunnel"})
    abstract static class PortConfigMixin {
        @JsonCreator
        PortConfigMixin(@JsonProperty("interfaces") List<String> interfaces,
                @JsonProperty("bond_properties") @JsonDeserialize(using = PairsDeserializer.class)
                Map<String, String> bondProperties,
                @JsonProperty("bond_mac") @JsonDeserialize(using = OptionDeserializer.class) String bondMac,
                @JsonProperty("tunnel") @JsonDeserialize(using = OptionDeserializer.class) Tunnel tunnel) {
        }

        @JsonProperty("bond_properties")
        @JsonSerialize(using = PairsSerializer.class)
        abstract Map<String, String> bondProperties();

        @JsonProperty("bond_mac")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract String bondMac();

        /** jxapi's tunnel ports; absent in the original's files. */
        @JsonProperty("tunnel")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract Tunnel tunnel();

        @JsonIgnore
        abstract boolean isBond();
    }

    @JsonPropertyOrder({"protocol", "remote_ip", "key"})
    abstract static class TunnelMixin {
        @JsonCreator
        TunnelMixin(@JsonProperty("protocol") Tunnel.Protocol protocol, @JsonProperty("remote_ip") String remoteIp,
                @JsonProperty("key") @JsonDeserialize(using = OptionDeserializer.class) String key) {
        }

        @JsonProperty("remote_ip")
        abstract String remoteIp();

        @JsonProperty("key")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract String key();
    }

    abstract static class TunnelProtocolMixin {
        @JsonValue
        abstract String wireName();

        @JsonCreator
        static Tunnel.Protocol of(String wireName) {
            return Tunnel.Protocol.of(wireName);
        }
    }

    /** {@code (inet_addr * int)}: {@code ["192.0.2.1", 24]}. */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"address", "prefix"})
    abstract static class AddressMixin {
        @JsonCreator
        AddressMixin(@JsonProperty("address") String address, @JsonProperty("prefix") int prefix) {
        }
    }

    /** {@code (bridge * int)}: {@code ["xenbr0", 100]}. */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"parent", "tag"})
    abstract static class VlanMixin {
        @JsonCreator
        VlanMixin(@JsonProperty("parent") String parent, @JsonProperty("tag") int tag) {
        }
    }

    /** {@code (inet_addr * int * inet_addr)}: {@code ["198.51.100.0", 24, "192.0.2.1"]}. */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"subnet", "netmask", "gateway"})
    abstract static class Ipv4RouteMixin {
        @JsonCreator
        Ipv4RouteMixin(@JsonProperty("subnet") String subnet, @JsonProperty("netmask") int netmask,
                @JsonProperty("gateway") String gateway) {
        }
    }

    /** {@code (inet_addr list * string list)}: {@code [["192.0.2.53"], ["example.org"]]}. */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"nameservers", "domains"})
    abstract static class DnsMixin {
        @JsonCreator
        DnsMixin(@JsonProperty("nameservers") List<String> nameservers, @JsonProperty("domains") List<String> domains) {
        }
    }
}
