package org.workcell.channel.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.workcell.channel.ChannelException;

/**
 * Buffered big-endian input that counts down the declared length of the current message, so a field
 * that would run past it fails before anything is read or allocated for it.
 */
final class WireInput {
    private final InputStream in;
    private final byte[] buf;
    /** Always in read mode: position = next unread byte, limit = end of buffered data. */
    private final ByteBuffer bb;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private long remaining;
    private String message = "message";

    WireInput(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[bufferSize];
        this.bb = ByteBuffer.wrap(buf);
        bb.limit(0);
    }

    /** The u32 length of the next message, or -1 if the stream ended cleanly before it. */
    long readLength() throws IOException {
        if (!fill(1)) {
            return -1;
        }
        if (!fill(4)) {
            throw new ChannelException("stream ended inside a message header (" + bb.remaining() + " of 4 length bytes)");
        }
        return bb.getInt() & 0xFFFF_FFFFL;
    }

    void begin(long length) {
        remaining = length;
        message = "message";
    }

    void named(String name) {
        message = name;
    }

    long remaining() {
        return remaining;
    }

    ChannelException error(String problem) {
        return new ChannelException(message + ": " + problem);
    }

    /** Claims {@code n} bytes of the declared length for a field, or fails if the message is too short. */
    void claim(long n, String field) throws ChannelException {
        if (n > remaining) {
            throw error("declared length is too short for " + field + " (needs " + n + " bytes, "
                    + remaining + " left)");
        }
        remaining -= n;
    }

    int u8(String field) throws IOException {
        claim(1, field);
        take(1);
        return bb.get() & 0xFF;
    }

    int i32(String field) throws IOException {
        claim(4, field);
        take(4);
        return bb.getInt();
    }

    long u32(String field) throws IOException {
        return i32(field) & 0xFFFF_FFFFL;
    }

    long i64(String field) throws IOException {
        claim(8, field);
        take(8);
        return bb.getLong();
    }

    /** A u32 byte count, checked against {@code max} and the rest of the message before allocating. */
    byte[] bytes(int max, String field) throws IOException {
        long length = u32(field + " length");
        if (length > max) {
            throw error(field + " is " + length + " bytes, more than the limit of " + max);
        }
        claim(length, field);
        byte[] out = new byte[(int) length];
        int buffered = Math.min(bb.remaining(), out.length);
        bb.get(out, 0, buffered);
        if (in.readNBytes(out, buffered, out.length - buffered) != out.length - buffered) {
            throw truncated();
        }
        return out;
    }

    /** UTF-8 with a u32 byte count; at most {@code maxChars} UTF-16 chars, so at most 3 bytes each. */
    String string(int maxChars, String field) throws IOException {
        byte[] raw = bytes((int) Math.min(Integer.MAX_VALUE, 3L * maxChars), field);
        String s;
        try {
            s = utf8.reset().decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw error(field + " is not valid UTF-8");
        }
        if (s.length() > maxChars) {
            throw error(field + " has " + s.length() + " characters, more than the limit of " + maxChars);
        }
        return s;
    }

    /** Fills {@code dst} with big-endian ints; the caller has claimed the bytes already. */
    void ints(int[] dst) throws IOException {
        int done = 0;
        while (done < dst.length) {
            take(4);
            int n = Math.min(bb.remaining() >>> 2, dst.length - done);
            bb.asIntBuffer().get(dst, done, n);
            bb.position(bb.position() + (n << 2));
            done += n;
        }
    }

    private void take(int n) throws IOException {
        if (!fill(n)) {
            throw truncated();
        }
    }

    private ChannelException truncated() {
        return error("stream ended in the middle of the message");
    }

    /** Makes at least {@code n} (at most the buffer size) bytes available; false at end of stream. */
    private boolean fill(int n) throws IOException {
        if (bb.remaining() >= n) {
            return true;
        }
        bb.compact();
        try {
            while (bb.position() < n) {
                int read = in.read(buf, bb.position(), buf.length - bb.position());
                if (read < 0) {
                    return false;
                }
                bb.position(bb.position() + read);
            }
            return true;
        } finally {
            bb.flip();
        }
    }
}
