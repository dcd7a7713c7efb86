package org.jxapi.db.impl;

import java.nio.charset.StandardCharsets;

/** Reads what {@link Bytes} wrote; running past the end raises {@link Corrupt}. */
final class ByteReader {
    private final byte[] buf;
    private int pos;
    private final int end;

    ByteReader(byte[] buf, int off, int len) {
        this.buf = buf;
        this.pos = off;
        this.end = off + len;
    }

    static final class Corrupt extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Corrupt(String m) {
            super(m, null, false, false);
        }
    }

    boolean atEnd() {
        return pos >= end;
    }

    byte get() {
        if (pos >= end) {
            throw new Corrupt("record ends early");
        }
        return buf[pos++];
    }

    long getLong() {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (get() & 0xFF);
        }
        return v;
    }

    long getVarLong() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = get();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new Corrupt("varint too long");
    }

    long getSignedVarLong() {
        long z = getVarLong();
        return (z >>> 1) ^ -(z & 1);
    }

    int getCount() {
        long n = getVarLong();
        if (n < 0 || n > end - pos) {
            throw new Corrupt("bad length " + n);
        }
        return (int) n;
    }

    String getString() {
        int n = getCount();
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }
}
