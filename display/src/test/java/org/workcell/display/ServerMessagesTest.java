package org.workcell.display;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ServerMessagesTest {
    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(" ", ""));
    }

    @Test
    void everyMessageHasTheDocumentedBytes() {
        assertThat(ServerMessages.welcome(720, 1560, 320, true, "ana@acme")).isEqualTo(hex("01 01 02d0 0618 0140 03 0008 616e614061636d65"));
        assertThat(ServerMessages.welcome(720, 1560, 320, false, null)).isEqualTo(hex("01 01 02d0 0618 0140 00 0000"));
        assertThat(ServerMessages.status(DisplayStatus.TAKEN_OVER, "Signed in elsewhere")).startsWith(hex("03 02 0013"));
        assertThat(ServerMessages.pong(0x01020304)).isEqualTo(hex("04 01020304"));
        assertThat(ServerMessages.clipboard("a\nb")).isEqualTo(hex("05 0003 610a62"));
        assertThat(ServerMessages.isFrame(hex("02 00"))).isTrue();
        assertThat(ServerMessages.isFrame(hex("04 00"))).isFalse();
    }

    @Test
    void statusCodesAreTheDocumentedOnes() {
        assertThat(DisplayStatus.values()).extracting(DisplayStatus::code).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(DisplayStatus.of(6)).isEqualTo(DisplayStatus.LOCKED);
        assertThatThrownBy(() -> DisplayStatus.of(7)).isInstanceOf(DisplayProtocolException.class);
    }

    @Test
    void limitsAreEnforcedWhenWriting() {
        assertThatThrownBy(() -> ServerMessages.welcome(720, 1560, 320, false, "w".repeat(257))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("watermark");
        assertThatThrownBy(() -> ServerMessages.welcome(720, 1560, 320, false, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerMessages.clipboard("x".repeat(65536))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65535");
        assertThatThrownBy(() -> ServerMessages.status(DisplayStatus.LOCKED, "x".repeat(1025))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerMessages.clipboard("\uDC00")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("surrogate");
    }

    @Test
    void parsingIsStrict() {
        assertThatThrownBy(() -> ServerMessages.parse(hex("01 01 02d0 0618 0140 04 0000"))).isInstanceOf(DisplayProtocolException.class).hasMessageContaining("flags");
        assertThatThrownBy(() -> ServerMessages.parse(hex("01 01 02d0 0618 0140 02 0000"))).isInstanceOf(DisplayProtocolException.class).hasMessageContaining("watermark");
        assertThatThrownBy(() -> ServerMessages.parse(hex("01 01 02d0 0618 0140 00 0001 61"))).isInstanceOf(DisplayProtocolException.class).hasMessageContaining("watermark");
        assertThatThrownBy(() -> ServerMessages.parse(hex("01 02 02d0 0618 0140 00 0000"))).isInstanceOf(DisplayProtocolException.class).hasMessageContaining("version");
        assertThatThrownBy(() -> ServerMessages.parse(hex("03 07 0000"))).isInstanceOf(DisplayProtocolException.class).hasMessageContaining("status code 7");
        assertThatThrownBy(() -> ServerMessages.parse(hex("04 00000001 00"))).isInstanceOf(DisplayProtocolException.class);
        assertThatThrownBy(() -> ServerMessages.parse(hex("02 00000001"))).isInstanceOf(DisplayProtocolException.class).hasMessageContaining("FrameDecoder");
        assertThatThrownBy(() -> ServerMessages.parse(hex("82 00"))).isInstanceOf(DisplayProtocolException.class).hasMessageContaining("unknown");
    }

    @Property(tries = 2000)
    void validMessagesRoundTrip(@ForAll long seed) {
        ServerMessage m = TestMessages.randomServer(new Random(seed));
        assertThat(ServerMessages.parse(ServerMessages.encode(m))).isEqualTo(m);
    }

    @Property(tries = 3000)
    void mutatedAndRandomMessagesParseToTheirOwnEncodingOrAreRefused(@ForAll long seed, @ForAll @Size(max = 300) byte[] noise) {
        Random r = new Random(seed);
        for (byte[] bytes : new byte[][] {noise, TestMessages.mutate(r, ServerMessages.encode(TestMessages.randomServer(r)))}) {
            ServerMessage m;
            try {
                m = ServerMessages.parse(bytes);
            } catch (DisplayProtocolException e) {
                continue;
            }
            assertThat(ServerMessages.encode(m)).isEqualTo(bytes);
        }
    }
}
