/**
 * The networkd interface: {@link org.jxapi.networkd.api.Networkd}, the service a networkd instance
 * provides (the original's {@code network_interface.ml}: global calls, {@code Interface.*},
 * {@code Bridge.*}, {@code Sriov.*}, plus jxapi's {@code Vif.*} for guest ports, which the original
 * leaves to xenopsd's hotplug scripts), and the configuration records it takes, as in the original's
 * {@code interface_config_t}, {@code bridge_config_t}, {@code port_config_t} and {@code config_t}.
 * Records use Java names; the engine's private JSON mapping gives them the original's field names on
 * the socket and in {@code networkd.db}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.jxapi.networkd.api;
