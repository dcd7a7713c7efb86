package org.jxapi.xenapi.model;

/** A product release and the XenAPI version it introduced. {@code codeName} may be null. */
public record Release(String codeName, long apiMajor, long apiMinor, String branding) {
    public String apiVersion() {
        return apiMajor + "." + apiMinor;
    }
}
