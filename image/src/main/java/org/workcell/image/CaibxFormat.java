package org.workcell.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * casync's blob index (.caibx), the on-disk form of an {@link ImageIndex}, so that casync and
 * desync can extract a Workcell image from a Workcell store. All integers are little-endian:
 *
 * <pre>
 * header  48 bytes: size = 48, type = CA_FORMAT_INDEX, feature flags, chunk size min, avg, max
 * table   16 bytes: size = UINT64_MAX, type = CA_FORMAT_TABLE
 * items   40 bytes each: end offset of the chunk in the payload, 32-byte chunk id
 * tail    40 bytes: 0, 0, offset of the table (48), table size (16 + 40 * items + 40), CA_FORMAT_TABLE_TAIL_MARKER
 * </pre>
 *
 * Chunk ids are SHA-256. casync's default is SHA-512/256, which it marks with the feature flag
 * {@link #FLAG_SHA512_256}; Workcell writes flags 0 and refuses indexes with that flag (make them
 * with {@code casync make --digest=sha256}). casync itself writes {@code 0x9000000000000000}
 * (exclude-nodump, exclude-file) for such blob indexes, which means nothing for a blob and is
 * accepted. Layout and flags checked against casync 2 (its {@code make} output and its {@code
 * extract} of ours).
 */
public final class CaibxFormat {
    public static final long CA_FORMAT_INDEX = 0x96824d9c7b129ff9L;
    public static final long CA_FORMAT_TABLE = 0xe75b9e112f17417dL;
    public static final long CA_FORMAT_TABLE_TAIL_MARKER = 0x4b4f050e5549ecd1L;
    public static final long FLAG_SHA512_256 = 0x2000000000000000L;

    // Archive feature bits (0..32) and the exclude/digest bits (60..63): the flags casync defines.
    private static final long KNOWN_FLAGS = 0x1_FFFF_FFFFL | 0xF000_0000_0000_0000L;

    static final int HEADER_BYTES = 48;
    static final int TABLE_HEADER_BYTES = 16;
    static final int ITEM_BYTES = 40;
    static final int TAIL_BYTES = 40;
    private static final int FIXED_BYTES = HEADER_BYTES + TABLE_HEADER_BYTES + TAIL_BYTES;

    /** The most chunks an index may list: 2^21 chunks of 64 KiB average are 128 GiB of payload. */
    public static final int MAX_CHUNKS = 1 << 21;
    /** The largest index {@link #read} accepts. */
    public static final long MAX_INDEX_BYTES = FIXED_BYTES + (long) MAX_CHUNKS * ITEM_BYTES;

    private CaibxFormat() {}

    public static byte[] write(ImageIndex index) {
        List<ChunkRef> chunks = index.chunks();
        if (chunks.size() > MAX_CHUNKS) {
            throw new IllegalArgumentException("an index holds at most " + MAX_CHUNKS + " chunks");
        }
        ChunkerParams params = index.params();
        for (ChunkRef chunk : chunks) {
            if (chunk.length() > params.max()) {
                throw new IllegalArgumentException("chunk at " + chunk.offset() + " is longer than the index's maximum " + params.max());
            }
        }
        int size = FIXED_BYTES + chunks.size() * ITEM_BYTES;
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(HEADER_BYTES).putLong(CA_FORMAT_INDEX).putLong(0L)
                .putLong(params.min()).putLong(params.avg()).putLong(params.max());
        out.putLong(-1L).putLong(CA_FORMAT_TABLE);
        for (ChunkRef chunk : chunks) {
            out.putLong(chunk.end()).put(chunk.id().bytes());
        }
        out.putLong(0L).putLong(0L).putLong(HEADER_BYTES)
                .putLong(TABLE_HEADER_BYTES + (long) chunks.size() * ITEM_BYTES + TAIL_BYTES)
                .putLong(CA_FORMAT_TABLE_TAIL_MARKER);
        return out.array();
    }

    /** Reads an index file, refusing one larger than {@link #MAX_INDEX_BYTES} before reading it. */
    public static ImageIndex read(Path file) throws IOException {
        if (Files.size(file) > MAX_INDEX_BYTES) {
            throw new IOException(file + ": an index is at most " + MAX_INDEX_BYTES + " bytes");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(MAX_INDEX_BYTES + 1, Integer.MAX_VALUE - 8));
            if (bytes.length > MAX_INDEX_BYTES) {
                throw new IOException(file + ": an index is at most " + MAX_INDEX_BYTES + " bytes");
            }
            try {
                return read(bytes);
            } catch (IOException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
        }
    }

    /** Parses an index; anything but a well-formed SHA-256 blob index is an IOException saying why. */
    public static ImageIndex read(byte[] bytes) throws IOException {
        if (bytes.length < FIXED_BYTES) {
            throw new IOException("not a casync blob index: " + bytes.length + " bytes is shorter than an empty index (" + FIXED_BYTES + ")");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerSize = in.getLong();
        long type = in.getLong();
        if (headerSize != HEADER_BYTES || type != CA_FORMAT_INDEX) {
            throw new IOException("not a casync blob index: the header is not a " + HEADER_BYTES + "-byte CA_FORMAT_INDEX");
        }
        long flags = in.getLong();
        if ((flags & FLAG_SHA512_256) != 0) {
            throw new IOException("the index names chunks by SHA-512/256; Workcell uses SHA-256 (casync make --digest=sha256)");
        }
        if ((flags & ~KNOWN_FLAGS) != 0) {
            throw new IOException(String.format("the index has unknown feature flags 0x%016x", flags & ~KNOWN_FLAGS));
        }
        long min = in.getLong();
        long avg = in.getLong();
        long max = in.getLong();
        ChunkerParams params;
        try {
            if (min > Integer.MAX_VALUE || avg > Integer.MAX_VALUE || max > Integer.MAX_VALUE || min < 0 || avg < 0 || max < 0) {
                throw new IllegalArgumentException("out of range");
            }
            params = new ChunkerParams((int) min, (int) avg, (int) max);
        } catch (IllegalArgumentException e) {
            throw new IOException("the index's chunk sizes " + Long.toUnsignedString(min) + "/" + Long.toUnsignedString(avg) + "/"
                    + Long.toUnsignedString(max) + " are not usable: 64 <= min <= avg <= max <= 64 MiB, avg a power of two");
        }
        if (in.getLong() != -1L || in.getLong() != CA_FORMAT_TABLE) {
            throw new IOException("the index's table header is not a CA_FORMAT_TABLE of size UINT64_MAX");
        }
        long itemBytes = bytes.length - FIXED_BYTES;
        if (itemBytes % ITEM_BYTES != 0) {
            throw new IOException("the index is " + bytes.length + " bytes, which is not a whole number of 40-byte items plus header and tail");
        }
        long count = itemBytes / ITEM_BYTES;
        if (count > MAX_CHUNKS) {
            throw new IOException("the index lists " + count + " chunks, more than " + MAX_CHUNKS);
        }
        List<ChunkRef> chunks = new ArrayList<>((int) count);
        long previous = 0;
        byte[] id = new byte[ChunkId.BYTES];
        for (int i = 0; i < count; i++) {
            long end = in.getLong();
            in.get(id);
            if (end == 0 && previous > 0 && isTail(bytes, HEADER_BYTES + TABLE_HEADER_BYTES + i * ITEM_BYTES)) {
                throw new IOException("the index's table ends after " + i + " chunks but the file goes on: trailing data");
            }
            // Signed comparison on purpose: an end at or above 2^63 reads negative and is refused here.
            if (end <= previous) {
                throw new IOException("chunk " + i + " ends at " + Long.toUnsignedString(end) + ", not after the previous end " + previous
                        + " (empty, overlapping or out of order)");
            }
            long length = end - previous;
            if (length > params.max()) {
                throw new IOException("chunk " + i + " is " + length + " bytes, more than the index's maximum " + params.max());
            }
            chunks.add(new ChunkRef(previous, (int) length, ChunkId.of(id)));
            previous = end;
        }
        long zeroOffset = in.getLong();
        long zeroRest = in.getLong();
        long tableOffset = in.getLong();
        long tableSize = in.getLong();
        long marker = in.getLong();
        if (zeroOffset != 0 || zeroRest != 0 || marker != CA_FORMAT_TABLE_TAIL_MARKER) {
            throw new IOException("the index's table does not end with casync's tail marker");
        }
        if (tableOffset != HEADER_BYTES || tableSize != TABLE_HEADER_BYTES + count * ITEM_BYTES + TAIL_BYTES) {
            throw new IOException("the index's tail gives table offset " + Long.toUnsignedString(tableOffset) + " and size "
                    + Long.toUnsignedString(tableSize) + ", not " + HEADER_BYTES + " and " + (TABLE_HEADER_BYTES + count * ITEM_BYTES + TAIL_BYTES));
        }
        return new ImageIndex(params, chunks);
    }

    // Whether a tail (0, 0, 48, size, marker) starts at {@code at}: to tell trailing data from a damaged item.
    private static boolean isTail(byte[] bytes, int at) {
        if (at + TAIL_BYTES > bytes.length) {
            return false;
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, at, TAIL_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        return in.getLong() == 0 && in.getLong() == 0 && in.getLong() == HEADER_BYTES && in.getLong() >= 0
                && in.getLong() == CA_FORMAT_TABLE_TAIL_MARKER;
    }
}
