package org.workcell.channel;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Builds wire bytes by hand, so tests can say exactly what is on the wire, valid or not. */
final class Raw {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static Raw body() {
        return new Raw();
    }

    Raw u8(int v) {
        out.write(v);
        return this;
    }

    Raw i32(int v) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(v).array());
        return this;
    }

    Raw i64(long v) {
        out.writeBytes(ByteBuffer.allocate(8).putLong(v).array());
        return this;
    }

    Raw raw(byte... bytes) {
        out.writeBytes(bytes);
        return this;
    }

    Raw str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return i32(b.length).raw(b);
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** A framed message: u32 length of type + body, type, body. */
    static byte[] message(int type, Raw body) {
        byte[] b = body.bytes();
        return Raw.body().i32(b.length + 1).u8(type).raw(b).bytes();
    }

    static byte[] concat(byte[]... parts) {
        var all = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.writeBytes(p);
        }
        return all.toByteArray();
    }

    static byte[] hello(int width, int height) {
        return message(0x01, body().i32(1).i32(width).i32(height).i32(160).str("v1"));
    }
}
