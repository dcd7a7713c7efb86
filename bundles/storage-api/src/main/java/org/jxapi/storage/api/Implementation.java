package org.jxapi.storage.api;

import java.util.Map;

/** One way of reaching an attached VDI's data; a {@link Backend} lists them, best first. */
public sealed interface Implementation {

    /** A Xen block backend: {@code params} goes into xenstore, {@code extra} beside it. */
    record XenDisk(String params, Map<String, String> extra, String backendType) implements Implementation {
        public XenDisk {
            extra = extra == null ? Map.of() : Map.copyOf(extra);
        }
    }

    /** A block device of the host. */
    record BlockDevice(String path) implements Implementation {
    }

    /** A file of the host holding the disk, in the format {@code format} ("raw", "qcow2"). */
    record File(String path, String format) implements Implementation {
    }

    /** An NBD export, as {@code nbd:unix:<socket>:exportname=<name>}. */
    record Nbd(String uri) implements Implementation {
    }
}
