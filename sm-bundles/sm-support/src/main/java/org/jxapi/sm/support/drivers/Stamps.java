package org.jxapi.sm.support.drivers;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/** Change stamps of files and directories, so that a rejected driver is retried only when it changed. */
public final class Stamps {
    private Stamps() {
    }

    /** The modification time, or the epoch for a file that cannot be read. */
    public static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /** The directory's time, and each entry's name, time, size and executable bit. */
    public static Object directory(Path dir) {
        List<Object> stamp = new ArrayList<>();
        stamp.add(modified(dir));
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                stamp.add(List.of(p.getFileName().toString(), modified(p), size(p), Files.isExecutable(p)));
            }
        } catch (IOException e) {
            stamp.add(e.toString());
        }
        stamp.sort(java.util.Comparator.comparing(Object::toString));
        return stamp;
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }
}
