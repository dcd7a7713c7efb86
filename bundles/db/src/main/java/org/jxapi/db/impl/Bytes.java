package org.jxapi.db.impl;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer with the varint encodings the journal uses. */
final class Bytes {
    private byte[] buf;
    private int len;

    Bytes(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    int length() {
        return len;
    }

    byte[] array() {
        return buf;
    }

    void reset() {
        len = 0;
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    void put(byte b) {
        ensure(1);
        buf[len++] = b;
    }

    void put(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }

    void putInt(int pos, int v) {
        buf[pos] = (byte) (v >>> 24);
        buf[pos + 1] = (byte) (v >>> 16);
        buf[pos + 2] = (byte) (v >>> 8);
        buf[pos + 3] = (byte) v;
    }

    void putInt(int v) {
        ensure(4);
        putInt(len, v);
        len += 4;
    }

    void putLong(long v) {
        ensure(8);
        for (int i = 7; i >= 0; i--) {
            buf[len++] = (byte) (v >>> (8 * i));
        }
    }

    void putVarLong(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[len++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[len++] = (byte) v;
    }

    /** Zig-zag, so that small negative numbers stay small. */
    void putSignedVarLong(long v) {
        putVarLong((v << 1) ^ (v >> 63));
    }

    void putString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        putVarLong(b.length);
        put(b, 0, b.length);
    }
}
