package org.jxapi.networkd.api;

/** A virtual function's settings: MAC (null: keep), VLAN tag (null: none) and rate in Mbit/s (null: none). */
public record SriovVfConfig(String mac, Long vlan, Long rate) {
}
