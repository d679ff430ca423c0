package org.workcell.image.internal;

import java.util.Arrays;
import org.workcell.image.ChunkerParams;

/**
 * FastCDC content-defined chunking (Xia et al., USENIX ATC 2016) with normalized chunking: a
 * 64-bit gear hash, {@code fp = (fp << 1) + GEAR[byte]}, is rolled from {@code min} bytes into a
 * chunk (the first {@code min} bytes cannot end it, so they are not hashed); up to {@code avg} a cut
 * needs the top {@code log2(avg) + 2} bits of the hash to be zero, after it only the top
 * {@code log2(avg) - 2}, which pulls chunk sizes towards {@code avg}; at {@code max} the chunk ends
 * regardless. The top bits are used because they depend on the last 64 bytes, the low bits on
 * only the last few.
 *
 * <p>Callers may force a cut at a position (the builder cuts at each file's start so that an
 * edit stays inside its file's chunks); a forced cut closer than {@code min} to the chunk start
 * is ignored, so chunks stay at least {@code min} bytes except the last.
 *
 * <p>Everything here defines chunk boundaries, and chunk boundaries define chunk ids: changing the
 * gear table, the masks or the rules above makes every image share no chunks with older ones.
 */
public final class FastCdc {
    /**
     * The gear table's seed: SplitMix64 (Steele, Lea and Flood 2014) from this seed gives the 256
     * entries in order. The bytes spell "WORKCELL". Fixed forever, see the class comment.
     */
    public static final long GEAR_SEED = 0x574F524B43454C4CL;

    private static final long[] GEAR = gearTable(GEAR_SEED);

    /** Returned by {@link #nextCut} when the chunk does not end within the bytes given. */
    public static final int NEED_MORE = -1;

    private final int min;
    private final int avg;
    private final int max;
    private final long maskHard;
    private final long maskEasy;

    public FastCdc(ChunkerParams params) {
        this.min = params.min();
        this.avg = params.avg();
        this.max = params.max();
        int bits = Integer.numberOfTrailingZeros(params.avg());
        this.maskHard = topBits(bits + 2);
        this.maskEasy = topBits(Math.max(1, bits - 2));
    }

    public ChunkerParams params() {
        return new ChunkerParams(min, avg, max);
    }

    static long[] gearTable(long seed) {
        long[] table = new long[256];
        long state = seed;
        for (int i = 0; i < table.length; i++) {
            state += 0x9E3779B97F4A7C15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            table[i] = z ^ (z >>> 31);
        }
        return table;
    }

    static long[] gearTable() {
        return GEAR.clone();
    }

    private static long topBits(int n) {
        return n >= 64 ? -1L : ~(-1L >>> n);
    }

    /**
     * The length of the chunk that starts at {@code data[start]}, or {@link #NEED_MORE} when it
     * does not end within {@code data[start, end)} and more bytes are to come.
     *
     * @param eof    no bytes follow {@code end}: the last chunk ends there
     * @param forced where the next forced cut is, as an index into {@code data}, or any value
     *               {@code <= start + min} or {@code Integer.MAX_VALUE} for none; the caller drops
     *               forced cuts closer than {@code min} to the start (they are ignored)
     */
    public int nextCut(byte[] data, int start, int end, boolean eof, int forced) {
        if (start < 0 || end > data.length || start > end) {
            throw new IndexOutOfBoundsException("window [" + start + ", " + end + ") of " + data.length);
        }
        int available = end - start;
        long limitLong = start + (long) max;
        if (forced >= (long) start + min && forced < limitLong) {
            limitLong = forced;
        }
        int limit = (int) Math.min(limitLong, end); // index the scan may reach
        boolean limitReached = limitLong <= end;
        if (available == 0) {
            return eof ? 0 : NEED_MORE;
        }
        if ((long) start + min < limit) {
            int from = start + min;
            int normal = (int) Math.min((long) start + avg, limit);
            int cut = scan(data, from, normal, limit);
            if (cut >= 0) {
                return cut + 1 - start;
            }
        }
        if (limitReached) {
            return (int) (limitLong - start);
        }
        return eof ? available : NEED_MORE;
    }

    // The hot loop: the index of the byte that ends the chunk, or -1. No allocation, two tight loops.
    private int scan(byte[] data, int from, int normal, int limit) {
        final long[] gear = GEAR;
        final long hard = maskHard;
        final long easy = maskEasy;
        long fp = 0;
        int i = from;
        for (; i < normal; i++) {
            fp = (fp << 1) + gear[data[i] & 0xFF];
            if ((fp & hard) == 0) {
                return i;
            }
        }
        for (; i < limit; i++) {
            fp = (fp << 1) + gear[data[i] & 0xFF];
            if ((fp & easy) == 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Cuts all of {@code data[from, to)}: the end index (exclusive) of every chunk, in order.
     * {@code forced} are indexes at which to cut where the chunk would be at least {@code min}.
     */
    public int[] cuts(byte[] data, int from, int to, int... forced) {
        int[] sortedForced = forced.clone();
        Arrays.sort(sortedForced);
        int[] ends = new int[16];
        int count = 0;
        int start = from;
        int f = 0;
        while (start < to) {
            while (f < sortedForced.length && sortedForced[f] < start + min) {
                f++;
            }
            int next = f < sortedForced.length ? sortedForced[f] : Integer.MAX_VALUE;
            int length = nextCut(data, start, to, true, next);
            start += length;
            if (count == ends.length) {
                ends = Arrays.copyOf(ends, count * 2);
            }
            ends[count++] = start;
        }
        return Arrays.copyOf(ends, count);
    }
}
