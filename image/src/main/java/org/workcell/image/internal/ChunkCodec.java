package org.workcell.image.internal;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import java.util.Locale;
import org.workcell.image.ChunkId;
import org.workcell.image.ChunkRef;

/** Turns a downloaded chunk file into the chunk it must be, or says why it is not. */
final class ChunkCodec {
    private ChunkCodec() {}

    /** A chunk file that is not the chunk its id names. */
    static final class CorruptChunk extends Exception {
        CorruptChunk(String message) {
            super(message);
        }
    }

    /** The largest compressed file that can hold a chunk of {@code maxChunk} bytes: anything longer is not one. */
    static int maxCompressed(int maxChunk) {
        return (int) Math.min(Integer.MAX_VALUE - 64, Zstd.compressBound(maxChunk));
    }

    /**
     * Decompresses {@code compressed} into exactly {@code ref.length()} bytes and checks they hash
     * to {@code ref.id()}. The output buffer is the chunk's length and no more, so a file that
     * decompresses to more (a zstd bomb, or another chunk) fails without ever being held whole.
     */
    static byte[] decode(byte[] compressed, ChunkRef ref) throws CorruptChunk {
        byte[] out = new byte[ref.length()];
        int size;
        try {
            size = ZstdCodec.decompressInto(out, compressed, compressed.length);
        } catch (ZstdException e) {
            throw corrupt(e.getMessage(), ref);
        }
        if (size != ref.length()) {
            throw new CorruptChunk("decompresses to " + size + " bytes instead of " + ref.length());
        }
        if (!ChunkId.hash(out, 0, size).equals(ref.id())) {
            throw new CorruptChunk("does not hash to its id");
        }
        return out;
    }

    private static CorruptChunk corrupt(String error, ChunkRef ref) {
        if (error != null && error.toLowerCase(Locale.ROOT).contains("too small")) {
            return new CorruptChunk("decompresses to more than its " + ref.length() + " bytes");
        }
        return new CorruptChunk("is not a zstd chunk file (" + error + ")");
    }

    /** Whether {@code data[0, length)} is the chunk {@code ref} names: its length and its hash. */
    static boolean matches(byte[] data, int length, ChunkRef ref) {
        return length == ref.length() && ChunkId.hash(data, 0, length).equals(ref.id());
    }
}
