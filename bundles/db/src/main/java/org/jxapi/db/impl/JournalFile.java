package org.jxapi.db.impl;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * One journal segment: records {@code [length][crc32c][generation, op count, ops]} appended in
 * generation order. A record is acknowledged only after the bytes are forced to disk, so a crash
 * can leave at most a torn record at the tail, which {@link #read} detects and drops.
 */
final class JournalFile implements AutoCloseable {
    static final int HEADER = 8;
    final Path path;
    final long firstGeneration;
    private final FileChannel channel;
    private long size;

    private JournalFile(Path path, long firstGeneration, FileChannel channel, long size) {
        this.path = path;
        this.firstGeneration = firstGeneration;
        this.channel = channel;
        this.size = size;
    }

    static Path pathFor(Path dir, long firstGeneration) {
        return dir.resolve(String.format("journal-%020d.log", firstGeneration));
    }

    static JournalFile create(Path dir, long firstGeneration) throws IOException {
        Path p = pathFor(dir, firstGeneration);
        FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        ch.force(true);
        StateFiles.syncDirectory(dir);
        return new JournalFile(p, firstGeneration, ch, 0);
    }

    /** Frames one transaction's operations into {@code out}. */
    static void frame(Bytes out, long generation, Bytes ops, int opCount) {
        int start = out.length();
        out.putInt(0);
        out.putInt(0);
        out.putVarLong(generation);
        out.putVarLong(opCount);
        out.put(ops.array(), 0, ops.length());
        int payload = out.length() - start - HEADER;
        CRC32C crc = new CRC32C();
        crc.update(out.array(), start + HEADER, payload);
        out.putInt(start, payload);
        out.putInt(start + 4, (int) crc.getValue());
    }

    void append(Bytes data, boolean force) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(data.array(), 0, data.length());
        while (b.hasRemaining()) {
            channel.write(b);
        }
        size += data.length();
        if (force) {
            channel.force(false);
        }
    }

    long size() {
        return size;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    interface RecordConsumer {
        void accept(long generation, ByteReader ops);
    }

    /**
     * Reads every whole record; returns the length of the valid prefix. Anything after it (a torn
     * or corrupt record) was never acknowledged when it is at the tail.
     */
    static long read(Path p, RecordConsumer consumer) throws IOException {
        byte[] all = Files.readAllBytes(p);
        int pos = 0;
        while (pos + HEADER <= all.length) {
            int len = ((all[pos] & 0xFF) << 24) | ((all[pos + 1] & 0xFF) << 16) | ((all[pos + 2] & 0xFF) << 8)
                    | (all[pos + 3] & 0xFF);
            int crc = ((all[pos + 4] & 0xFF) << 24) | ((all[pos + 5] & 0xFF) << 16) | ((all[pos + 6] & 0xFF) << 8)
                    | (all[pos + 7] & 0xFF);
            if (len <= 0 || pos + HEADER + len > all.length) {
                break;
            }
            CRC32C c = new CRC32C();
            c.update(all, pos + HEADER, len);
            if ((int) c.getValue() != crc) {
                break;
            }
            ByteReader r = new ByteReader(all, pos + HEADER, len);
            long gen = r.getVarLong();
            r.getVarLong();
            consumer.accept(gen, r);
            pos += HEADER + len;
        }
        return pos;
    }

    /** Cuts a torn tail off a segment before it is appended to again or replayed once more. */
    static void truncate(Path p, long length) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            ch.truncate(length);
            ch.force(true);
        }
    }
}
