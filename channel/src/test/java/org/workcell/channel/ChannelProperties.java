package org.workcell.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.BeforeContainer;

class ChannelProperties {
    private static final ChannelLimits SMALL = TestMessages.SMALL;
    /**
     * What one read() may allocate under SMALL limits: records and decoded strings cost a small
     * multiple of the message's bytes, plus exception stack traces. Reading anything sized by an
     * unchecked field (up to 4 GiB) would be far beyond it.
     */
    private static final long MAX_ALLOCATION_PER_READ = 16L * SMALL.maxMessageBytes() + 256 * 1024;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @BeforeContainer
    static void warmUp() throws IOException {
        // Loads classes first, so that class loading is not counted against the reader.
        for (int i = 0; i < 200; i++) {
            parseDefensively(mutate(new Random(i), TestMessages.encode(TestMessages.randomSequence(new Random(i), 10, SMALL, 64), SMALL)));
        }
    }

    @Property(tries = 300)
    void randomSequencesRoundTripExactly(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int count) throws IOException {
        List<Message> messages = TestMessages.randomSequence(new Random(seed), count, ChannelLimits.DEFAULT, 4096);

        List<Message> back = TestMessages.decode(TestMessages.encode(messages, ChannelLimits.DEFAULT), ChannelLimits.DEFAULT);

        assertThat(back).isEqualTo(messages);
    }

    @Property(tries = 300)
    void randomSequencesRoundTripUnderSmallLimits(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int count) throws IOException {
        List<Message> messages = TestMessages.randomSequence(new Random(seed), count, SMALL, 1 << 20);

        assertThat(TestMessages.decode(TestMessages.encode(messages, SMALL), SMALL)).isEqualTo(messages);
    }

    @Property(tries = 1000)
    void randomBytesParseOrFailCleanly(@ForAll @Size(max = 3000) byte[] bytes) throws IOException {
        parseDefensively(bytes);
    }

    /** Random bytes rarely get past the type byte; valid streams with a few mutations go deeper. */
    @Property(tries = 2000)
    void mutatedValidStreamsParseOrFailCleanly(@ForAll long seed) throws IOException {
        Random random = new Random(seed);
        byte[] valid = TestMessages.encode(TestMessages.randomSequence(random, 1 + random.nextInt(15), SMALL, 1 << 20), SMALL);

        parseDefensively(mutate(random, valid));
    }

    @Property(tries = 300)
    void everyTruncationEndsInNullOrAnException(@ForAll long seed, @ForAll("fractions") double cut) throws IOException {
        Random random = new Random(seed);
        List<Message> messages = TestMessages.randomSequence(random, 1 + random.nextInt(10), SMALL, 1 << 20);
        byte[] valid = TestMessages.encode(messages, SMALL);
        byte[] cutOff = java.util.Arrays.copyOf(valid, (int) (valid.length * cut));

        List<Message> read = parseDefensively(cutOff);

        // Whatever was read is a prefix of what was sent: truncation never invents a message.
        assertThat(messages.subList(0, read.size())).isEqualTo(read);
    }

    @Provide
    Arbitrary<Double> fractions() {
        return Arbitraries.doubles().between(0, 1);
    }

    /**
     * Reads until null or an exception. Only ChannelException may escape; every message read is
     * valid (a writer with the same limits takes it back); no read allocates beyond the bound; and the
     * reader always makes progress, so it cannot spin on a finite stream.
     */
    private static List<Message> parseDefensively(byte[] bytes) throws IOException {
        var reader = new ChannelReader(new ByteArrayInputStream(bytes), SMALL);
        var rewriter = new ChannelWriter(new ByteArrayOutputStream(), SMALL);
        List<Message> read = new ArrayList<>();
        // Each message takes at least 5 bytes, so a finite stream ends in at most this many reads.
        int maxReads = bytes.length / 5 + 1;
        for (int i = 0; i <= maxReads; i++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            Message m;
            try {
                m = reader.read();
            } catch (ChannelException e) {
                assertThat(e.getMessage()).isNotBlank();
                return read;
            } catch (Throwable t) {
                throw new AssertionError("reader threw something other than ChannelException on "
                        + java.util.HexFormat.of().formatHex(bytes), t);
            } finally {
                long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
                assertThat(allocated).as("bytes allocated by one read()").isLessThanOrEqualTo(MAX_ALLOCATION_PER_READ);
            }
            if (m == null) {
                return read;
            }
            rewriter.write(m);
            read.add(m);
        }
        return fail("reader returned more messages than the stream can hold");
    }

    private static byte[] mutate(Random random, byte[] valid) {
        var bytes = new ArrayList<Byte>(valid.length + 16);
        for (byte b : valid) {
            bytes.add(b);
        }
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations && !bytes.isEmpty(); m++) {
            int at = random.nextInt(bytes.size());
            switch (random.nextInt(7)) {
                case 0 -> bytes.set(at, (byte) (bytes.get(at) ^ (1 << random.nextInt(8))));
                case 1 -> bytes.set(at, (byte) random.nextInt(256));
                case 2 -> bytes.add(at, (byte) random.nextInt(256));
                case 3 -> bytes.subList(at, Math.min(bytes.size(), at + 1 + random.nextInt(8))).clear();
                case 4 -> bytes.subList(at, bytes.size()).clear();
                default -> {
                    // Lengths, counts and sizes are where readers over-allocate: plant interesting ints.
                    int[] interesting = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 4095, 4096, 4097, 64, 65, 1 << 20};
                    byte[] v = ByteBuffer.allocate(4).putInt(interesting[random.nextInt(interesting.length)]).array();
                    for (int k = 0; k < 4 && at + k < bytes.size(); k++) {
                        bytes.set(at + k, v[k]);
                    }
                }
            }
        }
        byte[] out = new byte[bytes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes.get(i);
        }
        return out;
    }
}
