package org.jxapi.xenops.api;

import java.util.Map;
import java.util.Objects;

/**
 * A virtual GPU. {@code implementation} names the kind (GVT_g, Nvidia, MxGPU, Empty) and
 * {@code implementationParams} its settings, as strings.
 */
public record Vgpu(DeviceId id, int position, PciAddress virtualPciAddress, PciAddress physicalPciAddress,
        String implementation, Map<String, String> implementationParams) {
    public Vgpu {
        Objects.requireNonNull(id, "id");
        physicalPciAddress = physicalPciAddress == null ? new PciAddress(0, 0, 0, 0) : physicalPciAddress;
        implementation = implementation == null ? "Empty" : implementation;
        implementationParams = Copies.map(implementationParams);
    }

    public Vgpu withId(DeviceId newId) {
        return new Vgpu(newId, position, virtualPciAddress, physicalPciAddress, implementation, implementationParams);
    }
}
