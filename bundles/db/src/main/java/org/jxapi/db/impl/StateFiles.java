package org.jxapi.db.impl;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Naming and listing of the files in the database directory. */
final class StateFiles {
    private StateFiles() {
    }

    static Path statePath(Path dir, long generation) {
        return dir.resolve(String.format("state-%020d.db", generation));
    }

    /** state-N.db by generation. Temporary files of an interrupted compaction are deleted. */
    static TreeMap<Long, Path> states(Path dir) throws IOException {
        TreeMap<Long, Path> out = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.endsWith(".tmp")) {
                    Files.deleteIfExists(p);
                } else if (n.startsWith("state-") && n.endsWith(".db")) {
                    out.put(Long.parseLong(n.substring(6, n.length() - 3)), p);
                }
            }
        }
        return out;
    }

    /** journal-N.log by first generation. */
    static TreeMap<Long, Path> journals(Path dir) throws IOException {
        TreeMap<Long, Path> out = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "journal-*.log")) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                out.put(Long.parseLong(n.substring(8, n.length() - 4)), p);
            }
        }
        return out;
    }

    /** Makes a rename or a new file in {@code dir} durable. */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    static List<Path> olderThan(TreeMap<Long, Path> files, long generation) {
        return new ArrayList<>(files.headMap(generation, false).values());
    }
}
