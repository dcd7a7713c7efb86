package org.jxapi.common.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file so that a reader sees either its old or its new content, never a part: the
 * content goes to a temporary file in the same directory (a rename is atomic only within one file
 * system), is optionally forced to disk, and is renamed over the target with ATOMIC_MOVE. If
 * writing fails, the temporary file is removed and the target is left as it was.
 */
public final class AtomicFile {

    /** How much survives a crash (kill -9 of the JVM, or power loss) once {@code write} has returned. */
    public enum Sync {
        /** Nothing forced: the OS writes back when it likes; a crash may leave the old content. */
        NONE,
        /** The new content is forced before the rename, so the target is never an empty or torn file. */
        DATA,
        /** Also the directory is forced after the rename, so the new name itself survives: durable. */
        DATA_AND_DIRECTORY
    }

    /** Writes the content to the stream it is given; it need not close or flush it. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {
    }

    public static void writeString(Path target, String text, Sync sync) throws IOException {
        write(target, sync, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    public static void write(Path target, Sync sync, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        // Unique, so that two writers of one target never share a temporary file; ".tmp" at the end
        // is what start-up clean-ups (db's StateFiles) look for.
        Path tmp = dir.resolve("." + target.getFileName() + "."
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + ".tmp");
        boolean done = false;
        try {
            try (OutputStream out = new BufferedOutputStream(
                    Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16)) {
                content.writeTo(out);
            }
            if (sync != Sync.NONE) {
                force(tmp, StandardOpenOption.WRITE);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
        if (sync == Sync.DATA_AND_DIRECTORY) {
            force(dir, StandardOpenOption.READ);
        }
    }

    /** Forces a directory's entries to disk (after a rename or a delete in it). */
    public static void syncDirectory(Path dir) throws IOException {
        force(dir, StandardOpenOption.READ);
    }

    private static void force(Path p, StandardOpenOption mode) throws IOException {
        try (FileChannel ch = FileChannel.open(p, mode)) {
            ch.force(true);
        }
    }
}
