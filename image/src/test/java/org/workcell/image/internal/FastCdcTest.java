package org.workcell.image.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.workcell.image.ChunkerParams;

class FastCdcTest {
    private static final ChunkerParams SMALL = new ChunkerParams(256, 1024, 4096);

    @Test
    void theGearTableMatchesPublishedSplitMix64Outputs() {
        // The first outputs of splitmix64.c (Vigna) from state 0.
        long[] table = FastCdc.gearTable(0);
        assertThat(table[0]).isEqualTo(0xe220a8397b1dcdafL);
        assertThat(table[1]).isEqualTo(0x6e789e6aa1b965f4L);
        assertThat(table[2]).isEqualTo(0x06c45d188009454fL);
    }

    @Test
    void chunkBoundariesOfAFixedInputNeverChange() {
        // Recorded when the chunker was first released. Cut points define chunk ids: if this fails, every
        // new image shares no chunks with the images already out there, so the change must not ship.
        byte[] data = new byte[4 << 20];
        new SplittableRandom(20250101).nextBytes(data);
        // Some low-entropy stretches too, where only the gear table's detail decides.
        for (int i = 1 << 20; i < 2 << 20; i++) {
            data[i] = (byte) "ab\n".charAt(data[i] & 1);
        }
        assertThat(cutDigest(new FastCdc(ChunkerParams.DEFAULT).cuts(data, 0, data.length)))
                .isEqualTo(GOLDEN_DEFAULT);
        assertThat(cutDigest(new FastCdc(SMALL).cuts(data, 0, data.length, 5000, 100_000, 100_100, 3 << 20)))
                .isEqualTo(GOLDEN_SMALL);
    }

    private static final String GOLDEN_DEFAULT = "9b3d5bf9657507185b0ea61bb79b8007912fb58dfa80bf801c83bfca38b366ae";
    private static final String GOLDEN_SMALL = "538c639ae9988ba8f084ef20b5b5919cba39f57a2d38a4421eea3b34492101f9";

    private static String cutDigest(int[] ends) {
        ByteBuffer buffer = ByteBuffer.allocate(ends.length * 4);
        for (int end : ends) {
            buffer.putInt(end);
        }
        return HexFormat.of().formatHex(Sha256.newDigest().digest(buffer.array()));
    }

    @Test
    void emptyAndShortInputs() {
        FastCdc chunker = new FastCdc(SMALL);
        assertThat(chunker.cuts(new byte[0], 0, 0)).isEmpty();
        assertThat(chunker.cuts(new byte[100], 0, 100)).containsExactly(100);
        assertThat(chunker.cuts(new byte[SMALL.min()], 0, SMALL.min())).containsExactly(SMALL.min());
    }

    @Test
    void nextCutAsksForMoreUntilTheChunkEndsOrTheInputDoes() {
        FastCdc chunker = new FastCdc(SMALL);
        byte[] data = new byte[20_000];
        new SplittableRandom(7).nextBytes(data);
        int first = chunker.cuts(data, 0, data.length)[0];

        // A cut found in what is there does not wait for more; one not yet found does.
        assertThat(chunker.nextCut(data, 0, first, false, Integer.MAX_VALUE)).isEqualTo(first);
        assertThat(chunker.nextCut(data, 0, first - 1, false, Integer.MAX_VALUE)).isEqualTo(FastCdc.NEED_MORE);
        assertThat(chunker.nextCut(data, 0, first - 1, true, Integer.MAX_VALUE)).isEqualTo(first - 1);
        assertThat(chunker.nextCut(data, 0, 0, false, Integer.MAX_VALUE)).isEqualTo(FastCdc.NEED_MORE);
        assertThat(chunker.nextCut(data, 0, 0, true, Integer.MAX_VALUE)).isZero();
        // Shorter than min: no cut is possible yet.
        assertThat(chunker.nextCut(data, 0, SMALL.min() - 1, false, Integer.MAX_VALUE)).isEqualTo(FastCdc.NEED_MORE);
    }

    @Test
    void aForcedCutAtMinIsTakenBeforeAnyContentCut() {
        FastCdc chunker = new FastCdc(SMALL);
        byte[] data = new byte[20_000];
        new SplittableRandom(8).nextBytes(data);
        // The content can only cut from min on, so a forced cut exactly at min comes first, without more data.
        assertThat(chunker.nextCut(data, 100, 100 + SMALL.min(), false, 100 + SMALL.min())).isEqualTo(SMALL.min());
        // Closer than min to the start: ignored, as if there were none.
        assertThat(chunker.nextCut(data, 100, 20_000, true, 101))
                .isEqualTo(chunker.nextCut(data, 100, 20_000, true, Integer.MAX_VALUE));
    }

    @Test
    void refusesAWindowOutsideTheArray() {
        FastCdc chunker = new FastCdc(SMALL);
        assertThatThrownBy(() -> chunker.nextCut(new byte[10], 5, 11, true, Integer.MAX_VALUE))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> chunker.nextCut(new byte[10], 6, 5, true, Integer.MAX_VALUE))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
