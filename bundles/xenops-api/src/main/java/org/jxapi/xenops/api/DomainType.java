package org.jxapi.xenops.api;

/** The kind of domain a VM currently runs in. */
public enum DomainType {
    HVM("Domain_HVM"), PV("Domain_PV"), PV_IN_PVH("Domain_PVinPVH"), PVH("Domain_PVH"),
    UNDEFINED("Domain_undefined");

    private final String wireName;

    DomainType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static DomainType ofWireName(String s) {
        for (DomainType d : values()) {
            if (d.wireName.equals(s)) {
                return d;
            }
        }
        return UNDEFINED;
    }
}
