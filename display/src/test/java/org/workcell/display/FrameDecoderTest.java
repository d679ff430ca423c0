package org.workcell.display;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(" ", ""));
    }

    @Test
    void aFrameMayHaveNoBody() {
        try (FrameDecoder decoder = new FrameDecoder()) {
            DecodedFrame d = decoder.apply(hex("02 00000009 0003 0002 00000000 00000000"));
            assertThat(d).isEqualTo(new DecodedFrame(9, 3, 2, true, java.util.List.of()));
            assertThat(decoder.pixels()).containsOnly(0);
            assertThat(decoder.apply(hex("02 0000000a 0003 0002 00000000 00000000")).resized()).isFalse();
        }
    }

    @Test
    void headersOutOfRangeAreRefused() {
        String[] bad = {
            "02 00000001 0000 0002 00000000 00000000", // no width
            "02 00000001 2001 0002 00000000 00000000", // wider than 8192
            "02 00000001 0001 0001 00010005 00000000", // a body longer than a 1x1 screen can need
            "02 00000001 0001 0001 00000004 00000000", // a body but no deflated bytes
            "02 00000001 0001 0001 00000000 00000001 00", // deflated bytes but no body
            "02 00000001 0001 0001 00000004 00000009 00", // deflated bytes past the end
            "02 00000001 0001 0001 00000000 00000000 ff", // bytes after the last JPEG
            "02 00000001 0001 0001 00000000 000000", // cut short
            "03 00000001 0001 0001 00000000 00000000", // not a frame
        };
        for (String b : bad) {
            try (FrameDecoder decoder = new FrameDecoder()) {
                assertThatThrownBy(() -> decoder.apply(hex(b))).as(b).isInstanceOf(DisplayProtocolException.class);
                assertThatThrownBy(() -> decoder.apply(hex("02 00000009 0003 0002 00000000 00000000")))
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot continue");
            }
        }
    }

    @Test
    void aFrameThatSkipsOneNoLongerFitsTheStream() {
        int[] a = new int[64 * 64];
        int[] b = new int[64 * 64];
        java.util.Arrays.setAll(a, i -> i * 31 % 7 * 0x111111);
        java.util.Arrays.setAll(b, i -> i * 17 % 5 * 0x030303);
        try (FrameEncoder encoder = new FrameEncoder(EncoderOptions.LOSSLESS); FrameDecoder decoder = new FrameDecoder()) {
            encoder.encodeFrame(a, 64, 64); // never reaches the decoder
            byte[] second = encoder.encodeFrame(b, 64, 64);
            assertThatThrownBy(() -> decoder.apply(second)).isInstanceOf(DisplayProtocolException.class);
        }
    }

    @Test
    void keepAndRemapDrawWhatTheFormatSays() {
        try (FrameDecoder decoder = new FrameDecoder()) {
            DecodedFrame d = decoder.apply(RemapFrames.valid());
            assertThat(decoder.pixels()).isEqualTo(RemapFrames.validPixels());
            // KEEP draws nothing; each REMAP is damage.
            assertThat(d.damage()).hasSize(11).endsWith(new DecodedFrame.Area(4, 0, 4, 4), new DecodedFrame.Area(1, 0, 7, 2),
                    new DecodedFrame.Area(4, 2, 4, 2));
        }
    }

    @Test
    void keepAndRemapOutOfRangeAreRefused() {
        for (byte[] bad : RemapFrames.invalid()) {
            try (FrameDecoder decoder = new FrameDecoder()) {
                assertThatThrownBy(() -> decoder.apply(bad)).isInstanceOf(DisplayProtocolException.class);
                assertThatThrownBy(() -> decoder.apply(bad)).isInstanceOf(IllegalStateException.class);
            }
        }
    }
}
