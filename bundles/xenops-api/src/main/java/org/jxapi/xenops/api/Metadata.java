package org.jxapi.xenops.api;

import java.util.List;
import java.util.Objects;

/** A VM with all its devices, as {@code VM.export_metadata} writes and {@code VM.import_metadata} reads. */
public record Metadata(Vm vm, List<Vbd> vbds, List<Vif> vifs, List<Pci> pcis, List<Vgpu> vgpus, List<Vusb> vusbs,
        String domains) {
    public Metadata {
        Objects.requireNonNull(vm, "vm");
        vbds = Copies.list(vbds);
        vifs = Copies.list(vifs);
        pcis = Copies.list(pcis);
        vgpus = Copies.list(vgpus);
        vusbs = Copies.list(vusbs);
    }
}
