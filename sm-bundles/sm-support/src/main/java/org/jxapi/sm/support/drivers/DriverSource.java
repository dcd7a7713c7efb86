package org.jxapi.sm.support.drivers;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jxapi.storage.spi.SrDriver;

/**
 * What a {@link DriverDirectoryScanner} asks of one kind of driver directory (SMAPIv1
 * executables, SMAPIv3 plugin directories): where to look, what is there now, and how to turn
 * a candidate into a driver.
 */
public interface DriverSource {

    /** The directories to watch; they need not exist yet. */
    List<Path> roots();

    /** The candidates present now: SR type to the file or directory that would serve it. */
    Map<String, Path> candidates();

    /**
     * A driver for the candidate, or an exception saying why it is not one (yet). A rejected
     * candidate is tried again once its {@link #stamp} changes.
     */
    SrDriver open(String srType, Path candidate) throws Exception;

    /**
     * What must change before a rejected candidate is tried again; by default its modification
     * time. A directory source includes its files, whose arrival does not always touch the
     * directory's own time (a file rewritten in place, a chmod).
     */
    default Object stamp(Path candidate) {
        return Stamps.modified(candidate);
    }

    /** Called at the start of every scan, for what a source keeps besides registered drivers. */
    default void refresh() {
    }
}
