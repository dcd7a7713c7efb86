package org.jxapi.storage.api;

/**
 * Names of datapaths that more than one component must agree on. xapi opens a VBD's datapath when
 * it attaches the VM's disks, and the VM manager plugs the same datapath into the domain: both
 * name it here, so that the two cannot drift apart.
 */
public final class DatapathNames {
    private DatapathNames() {
    }

    /** The datapath of a VM's disk: {@code vbd/<vm uuid>/<device>}, as the original names it. */
    public static String vbd(String vmUuid, String device) {
        return "vbd/" + vmUuid + "/" + device;
    }
}
