package org.workcell.image.internal;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One zstd frame per chunk, as casync stores them. Native contexts cost a megabyte or so to make
 * and are not freed by the garbage collector, so a few are kept process-wide and reused: making
 * one per 64 KiB chunk would cost about as much as compressing it.
 */
public final class ZstdCodec {
    private static final int POOL_LIMIT = 2 * Runtime.getRuntime().availableProcessors() + 2;

    private static final Map<Integer, Pool<ZstdCompressCtx>> COMPRESSORS = new ConcurrentHashMap<>();
    private static final Pool<ZstdDecompressCtx> DECOMPRESSORS = new Pool<>();

    private ZstdCodec() {}

    /** The most bytes compressing {@code length} bytes can take. */
    public static int bound(int length) {
        long bound = Zstd.compressBound(length);
        if (bound > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too large to compress in one frame: " + length);
        }
        return (int) bound;
    }

    /** Compresses {@code src[offset, offset + length)} into {@code dst}, which holds at least {@link #bound}; returns the frame's length. */
    public static int compress(byte[] dst, byte[] src, int offset, int length, int level) {
        Pool<ZstdCompressCtx> pool = COMPRESSORS.computeIfAbsent(level, l -> new Pool<>());
        ZstdCompressCtx ctx = pool.take();
        if (ctx == null) {
            ctx = new ZstdCompressCtx().setLevel(level).setContentSize(true).setChecksum(false);
        }
        try {
            return ctx.compressByteArray(dst, 0, dst.length, src, offset, length);
        } finally {
            if (!pool.give(ctx)) {
                ctx.close();
            }
        }
    }

    /**
     * Decompresses {@code src[0, length)} into at most {@code maxLength} bytes. A frame that says
     * or turns out to be larger, or that is not zstd, is an IOException; the output buffer is never
     * larger than {@code maxLength}, whatever the input claims.
     */
    public static byte[] decompress(byte[] src, int length, int maxLength) throws IOException {
        long declared;
        try {
            declared = Zstd.getFrameContentSize(src, 0, length); // negative when unknown or not a frame
        } catch (RuntimeException e) {
            declared = -1; // decompressing says what is wrong
        }
        if (declared > maxLength) {
            throw new IOException("it declares " + declared + " bytes, more than the " + maxLength + " a chunk may have");
        }
        byte[] dst = new byte[declared >= 0 ? (int) declared : maxLength];
        ZstdDecompressCtx ctx = DECOMPRESSORS.take();
        if (ctx == null) {
            ctx = new ZstdDecompressCtx();
        }
        int n;
        try {
            n = ctx.decompressByteArray(dst, 0, dst.length, src, 0, length);
        } catch (ZstdException e) {
            ctx.close();
            ctx = null;
            throw new IOException("it is not a zstd frame of at most " + dst.length + " bytes (" + e.getMessage() + ")");
        } finally {
            if (ctx != null && !DECOMPRESSORS.give(ctx)) {
                ctx.close();
            }
        }
        return n == dst.length ? dst : Arrays.copyOf(dst, n);
    }

    /**
     * Decompresses the frame {@code src[0, length)} into {@code dst}, which it must fill exactly or
     * fall short of; returns the bytes written. A frame that would need more room is a
     * {@link ZstdException}, so a bomb is never held whole.
     */
    static int decompressInto(byte[] dst, byte[] src, int length) {
        ZstdDecompressCtx ctx = DECOMPRESSORS.take();
        if (ctx == null) {
            ctx = new ZstdDecompressCtx();
        }
        try {
            int n = ctx.decompressByteArray(dst, 0, dst.length, src, 0, length);
            if (!DECOMPRESSORS.give(ctx)) {
                ctx.close();
            }
            return n;
        } catch (RuntimeException e) {
            ctx.close(); // not reused after a bad frame
            throw e;
        }
    }

    private static final class Pool<T> {
        private final ConcurrentLinkedDeque<T> items = new ConcurrentLinkedDeque<>();
        private final AtomicInteger size = new AtomicInteger();

        T take() {
            T item = items.pollFirst();
            if (item != null) {
                size.decrementAndGet();
            }
            return item;
        }

        boolean give(T item) {
            if (size.incrementAndGet() > POOL_LIMIT) {
                size.decrementAndGet();
                return false;
            }
            items.addFirst(item);
            return true;
        }
    }
}
