package org.workcell.display;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/**
 * Whatever bytes arrive, the decoder either applies them or throws a DisplayProtocolException,
 * and after that only IllegalStateException: never anything else, never a hang.
 */
class FrameDecoderProperties {

    @Property(tries = 2000)
    void randomBytesAreRefusedCleanly(@ForAll @Size(max = 2000) byte[] noise, @ForAll boolean asFrame) {
        if (asFrame && noise.length > 0) {
            noise[0] = (byte) DisplayProtocol.FRAME;
        }
        try (FrameDecoder decoder = new FrameDecoder()) {
            appliesOrRefuses(decoder, noise);
        }
    }

    @Property(tries = 400)
    void damagedFramesOfARealSessionAreRefusedCleanly(@ForAll long seed) {
        Random r = new Random(seed);
        EncoderOptions options = r.nextInt(3) == 0 ? Screens.randomOptions(r).withLossy(60) : Screens.randomOptions(r);
        List<byte[]> messages = new ArrayList<>();
        try (FrameEncoder encoder = new FrameEncoder(options)) {
            for (Screens.Screen s : Screens.session(r, 2 + r.nextInt(8), 96)) {
                messages.add(encoder.encodeFrame(s.rgb(), s.width(), s.height()));
            }
        }
        int damaged = r.nextInt(messages.size());
        try (FrameDecoder decoder = new FrameDecoder()) {
            for (int i = 0; i < damaged; i++) {
                decoder.apply(messages.get(i));
            }
            byte[] bad = damage(r, messages.get(damaged));
            if (appliesOrRefuses(decoder, bad)) {
                assertThatThrownBy(() -> decoder.apply(messages.get(damaged))).isInstanceOf(IllegalStateException.class);
            }
        }
    }

    /** Damage in the header or the stream, cut short, extended, or a frame skipped (the stream then no longer lines up). */
    private static byte[] damage(Random r, byte[] valid) {
        byte[] b = valid.clone();
        switch (r.nextInt(4)) {
            case 0 -> {
                for (int n = 1 + r.nextInt(3); n > 0; n--) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
            }
            case 1 -> b[1 + r.nextInt(Math.min(16, b.length - 1))] ^= (byte) (1 << r.nextInt(8));
            default -> b = TestMessages.mutate(r, b);
        }
        return b;
    }

    /** Returns whether the decoder refused (and so is now unusable). */
    private static boolean appliesOrRefuses(FrameDecoder decoder, byte[] bytes) {
        try {
            decoder.apply(bytes);
            return false;
        } catch (DisplayProtocolException e) {
            assertThat(e.getMessage()).isNotBlank();
            return true;
        } catch (RuntimeException e) {
            fail("the decoder threw " + e, e);
            return true;
        }
    }
}
