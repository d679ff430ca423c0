package org.workcell.display.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable big-endian byte buffer. */
public final class WireWriter {
    private byte[] bytes;
    private int size;

    public WireWriter(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    public int size() {
        return size;
    }

    /** The live array; valid up to {@link #size()}. */
    public byte[] array() {
        return bytes;
    }

    public void clear() {
        size = 0;
    }

    /** Forgets everything after the first {@code length} bytes. */
    public void truncate(int length) {
        size = length;
    }

    public void ensure(int more) {
        if (bytes.length - size < more) {
            long wanted = Math.max((long) bytes.length * 2, (long) size + more);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("message too large");
            }
            bytes = Arrays.copyOf(bytes, (int) wanted);
        }
    }

    public WireWriter u8(int v) {
        ensure(1);
        bytes[size++] = (byte) v;
        return this;
    }

    public WireWriter u16(int v) {
        ensure(2);
        bytes[size++] = (byte) (v >>> 8);
        bytes[size++] = (byte) v;
        return this;
    }

    public WireWriter u24(int v) {
        ensure(3);
        bytes[size++] = (byte) (v >>> 16);
        bytes[size++] = (byte) (v >>> 8);
        bytes[size++] = (byte) v;
        return this;
    }

    public WireWriter u32(long v) {
        ensure(4);
        bytes[size++] = (byte) (v >>> 24);
        bytes[size++] = (byte) (v >>> 16);
        bytes[size++] = (byte) (v >>> 8);
        bytes[size++] = (byte) v;
        return this;
    }

    public WireWriter bytes(byte[] b, int from, int length) {
        ensure(length);
        System.arraycopy(b, from, bytes, size, length);
        size += length;
        return this;
    }

    /** Overwrites a u32 written earlier at {@code at}. */
    public void patchU32(int at, long v) {
        bytes[at] = (byte) (v >>> 24);
        bytes[at + 1] = (byte) (v >>> 16);
        bytes[at + 2] = (byte) (v >>> 8);
        bytes[at + 3] = (byte) v;
    }

    /** Reserves {@code n} bytes to be filled in directly and returns where they start. */
    public int reserve(int n) {
        ensure(n);
        int at = size;
        size += n;
        return at;
    }

    public byte[] toArray() {
        return Arrays.copyOf(bytes, size);
    }

    /**
     * The UTF-8 of {@code text}, refusing unpaired surrogates (which {@link String#getBytes} would
     * silently turn into '?').
     */
    public static byte[] utf8(String text, String field) {
        try {
            ByteBuffer b = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(java.nio.CharBuffer.wrap(text));
            return Arrays.copyOfRange(b.array(), b.arrayOffset() + b.position(), b.arrayOffset() + b.limit());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(field + " is not valid Unicode (an unpaired surrogate)", e);
        }
    }
}
