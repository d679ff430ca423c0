package org.workcell.display.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.workcell.display.DisplayProtocolException;

/**
 * Reads big-endian fields from a byte array, refusing to read past its end: every problem is a
 * {@link DisplayProtocolException} naming the message and field.
 */
public final class WireReader {
    private final byte[] bytes;
    private final int end;
    private final String what;
    private int at;

    public WireReader(byte[] bytes, int from, int to, String what) {
        this.bytes = bytes;
        this.at = from;
        this.end = to;
        this.what = what;
    }

    /** The array being read (for bulk reads after {@link #skip}). */
    public byte[] bytes() {
        return bytes;
    }

    public int position() {
        return at;
    }

    public int remaining() {
        return end - at;
    }

    private void need(int n, String field) {
        if (end - at < n) {
            throw new DisplayProtocolException(what + " is truncated: " + field + " needs " + n + " bytes, "
                    + (end - at) + " left");
        }
    }

    public int u8(String field) {
        need(1, field);
        return bytes[at++] & 0xFF;
    }

    public int u16(String field) {
        need(2, field);
        int v = (bytes[at] & 0xFF) << 8 | (bytes[at + 1] & 0xFF);
        at += 2;
        return v;
    }

    public int u24(String field) {
        need(3, field);
        int v = (bytes[at] & 0xFF) << 16 | (bytes[at + 1] & 0xFF) << 8 | (bytes[at + 2] & 0xFF);
        at += 3;
        return v;
    }

    /** An unsigned 32-bit value. */
    public long u32(String field) {
        return i32(field) & 0xFFFF_FFFFL;
    }

    /** 32 bits as they are (for opaque values). */
    public int i32(String field) {
        need(4, field);
        int v = (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8 | (bytes[at + 3] & 0xFF);
        at += 4;
        return v;
    }

    /** Skips {@code n} bytes and returns where they start. */
    public int skip(int n, String field) {
        need(n, field);
        int start = at;
        at += n;
        return start;
    }

    /** A u16 length, then that many bytes of strict UTF-8 (no overlong forms, no surrogates), at most {@code max} bytes. */
    public String utf8(String field, int max) {
        int length = u16(field + " length");
        if (length > max) {
            throw new DisplayProtocolException(what + ": " + field + " is " + length + " bytes, more than " + max);
        }
        int start = skip(length, field);
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, length));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new DisplayProtocolException(what + ": " + field + " is not valid UTF-8", e);
        }
    }

    public void end() {
        if (at != end) {
            throw new DisplayProtocolException(what + " has " + (end - at) + " bytes after its last field");
        }
    }

    /** A field value outside its range. */
    public DisplayProtocolException invalid(String field, String problem) {
        return new DisplayProtocolException(what + ": " + field + " " + problem);
    }
}
