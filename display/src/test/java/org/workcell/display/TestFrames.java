package org.workcell.display;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** Reads the commands out of a connection's FRAME messages, and makes FRAME messages by hand. */
final class TestFrames {
    /** A command seen in a frame: its kind and, for REMAP, its source byte (else -1). */
    record Command(int kind, int source) {}

    private TestFrames() {
    }

    /** The commands of every frame of one connection, in order (JPEG tiles aside, the body says everything). */
    static List<Command> commands(List<byte[]> messages) throws DataFormatException {
        List<Command> out = new ArrayList<>();
        Inflater inflater = new Inflater();
        try {
            for (byte[] m : messages) {
                ByteBuffer b = ByteBuffer.wrap(m);
                int bodyLength = b.getInt(9);
                int deflated = b.getInt(13);
                if (bodyLength == 0) {
                    continue;
                }
                byte[] z = Arrays.copyOfRange(m, 17, 17 + deflated + 4);
                System.arraycopy(new byte[] {0, 0, (byte) 0xFF, (byte) 0xFF}, 0, z, deflated, 4);
                inflater.setInput(z);
                byte[] body = new byte[bodyLength];
                int n = 0;
                while (n < bodyLength) {
                    n += inflater.inflate(body, n, bodyLength - n);
                }
                ByteBuffer p = ByteBuffer.wrap(body);
                int changes = p.get() & 0xFF;
                p.position(1 + 4 * changes);
                int end = p.getInt() + p.position();
                while (p.position() < end) {
                    int kind = p.get() & 0xFF;
                    int source = -1;
                    switch (kind) {
                        case 0 -> skip(p, 12);
                        case 1 -> skip(p, 11);
                        case 2 -> skip(p, 8);
                        case 3 -> {
                            p.position(p.position() + 4);
                            int w = p.getShort() & 0xFFFF;
                            int h = p.getShort() & 0xFFFF;
                            skip(p, w * h * 3);
                        }
                        case 4 -> skip(p, 12);
                        case 5 -> skip(p, 6);
                        case 6 -> skip(p, 10);
                        case 7 -> skip(p, 8);
                        case 8 -> {
                            skip(p, 12);
                            source = p.get() & 0xFF;
                            skip(p, 768);
                        }
                        default -> throw new IllegalArgumentException("command " + kind);
                    }
                    out.add(new Command(kind, source));
                }
            }
        } finally {
            inflater.end();
        }
        return out;
    }

    private static void skip(ByteBuffer p, int n) {
        p.position(p.position() + n);
    }

    /**
     * The first FRAME of a connection, {@code w x h}, whose body is {@code body} as given (the
     * palette changes, command bytes, commands, plane and escapes all up to the caller).
     */
    static byte[] first(int w, int h, byte[] body) {
        Deflater deflater = new Deflater();
        deflater.setInput(body);
        byte[] buffer = new byte[body.length * 2 + 64];
        int n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
        deflater.end();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer head = ByteBuffer.allocate(17);
        head.put((byte) DisplayProtocol.FRAME).putInt(1).putShort((short) w).putShort((short) h).putInt(body.length).putInt(n - 4);
        out.writeBytes(head.array());
        out.write(buffer, 0, n - 4); // the sync flush's 00 00 FF FF stays off the wire
        return out.toByteArray();
    }

    /** A body with no palette changes, these commands and an empty plane. */
    static byte[] body(byte[] commands) {
        ByteBuffer b = ByteBuffer.allocate(1 + 4 + commands.length + 4);
        b.put((byte) 0).putInt(commands.length).put(commands).putInt(0);
        return b.array();
    }
}
