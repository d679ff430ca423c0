package org.workcell.display;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.workcell.channel.Key;
import org.workcell.channel.Keys;
import org.workcell.channel.Resize;
import org.workcell.channel.Text;
import org.workcell.channel.Touch;

class ClientMessagesTest {
    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(" ", ""));
    }

    @Test
    void everyMessageHasTheDocumentedBytes() {
        assertThat(ClientMessages.encode(new ClientHello(1, 2, 1080, 2340, 480))).isEqualTo(hex("81 01 02 0438 0924 01e0"));
        assertThat(ClientMessages.encode(new ClientTouch(Touch.Action.MOVE, 3, 700, 1500))).isEqualTo(hex("82 01 03 02bc 05dc"));
        assertThat(ClientMessages.encode(new ClientKey(Key.KeyAction.UP, 'c', Keys.CTRL))).isEqualTo(hex("83 01 00000063 02"));
        assertThat(ClientMessages.encode(new ClientText("hé"))).isEqualTo(hex("84 0003 68c3a9"));
        assertThat(ClientMessages.encode(new ClientResize(720, 1560, 320))).isEqualTo(hex("85 02d0 0618 0140"));
        assertThat(ClientMessages.encode(new ClientAck(0xFFFF_FFFEL))).isEqualTo(hex("86 fffffffe"));
        assertThat(ClientMessages.encode(new ClientPing(-1))).isEqualTo(hex("87 ffffffff"));
    }

    @Test
    void parsingReadsThemBack() {
        assertThat(ClientMessages.parse(hex("82 02 1f 0000 1fff"))).isEqualTo(new ClientTouch(Touch.Action.UP, 31, 0, 8191));
        assertThat(ClientMessages.parse(ByteBuffer.wrap(hex("00 86 00000007 00"), 1, 5))).isEqualTo(new ClientAck(7));
    }

    @Test
    void aBufferIsReadWithoutMovingIt() {
        ByteBuffer b = ByteBuffer.wrap(hex("87 00000001"));
        ClientMessages.parse(b);
        assertThat(b.position()).isZero();
    }

    @Test
    void outOfRangeValuesAreRefusedWithWhatWasWrong() {
        assertThatThrownBy(() -> ClientMessages.parse(hex("82 04 00 0000 0000"))).isInstanceOf(DisplayProtocolException.class).hasMessageContaining("action");
        assertThatThrownBy(() -> ClientMessages.parse(hex("82 00 20 0000 0000"))).isInstanceOf(DisplayProtocolException.class).hasMessageContaining("pointer");
        assertThatThrownBy(() -> ClientMessages.parse(hex("82 00 00 2000 0000"))).isInstanceOf(DisplayProtocolException.class).hasMessageContaining("TOUCH x");
        assertThatThrownBy(() -> ClientMessages.parse(hex("81 03 02 0438 0924 01e0"))).isInstanceOf(DisplayProtocolException.class).hasMessageContaining("versions");
        assertThatThrownBy(() -> ClientMessages.parse(hex("81 01 01 0000 0924 01e0"))).isInstanceOf(DisplayProtocolException.class).hasMessageContaining("viewport width");
        assertThatThrownBy(() -> ClientMessages.parse(hex("83 00 00000011 00"))).isInstanceOf(DisplayProtocolException.class).hasMessageContaining("code");
        assertThatThrownBy(() -> ClientMessages.parse(hex("83 00 80000041 00"))).isInstanceOf(DisplayProtocolException.class).hasMessageContaining("code");
        assertThatThrownBy(() -> ClientMessages.parse(hex("83 00 00000041 10"))).isInstanceOf(DisplayProtocolException.class).hasMessageContaining("modifiers");
        assertThatThrownBy(() -> ClientMessages.parse(hex("84 0002 610a"))).isInstanceOf(DisplayProtocolException.class).hasMessageContaining("control");
        assertThatThrownBy(() -> ClientMessages.parse(hex("84 0000"))).isInstanceOf(DisplayProtocolException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> ClientMessages.parse(hex("84 0002 c0af"))).isInstanceOf(DisplayProtocolException.class).hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> ClientMessages.parse(hex("84 0003 eda080"))).as("an encoded surrogate").isInstanceOf(DisplayProtocolException.class).hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> ClientMessages.parse(hex("85 02d0 0618 1001"))).isInstanceOf(DisplayProtocolException.class).hasMessageContaining("dpi");
    }

    @Test
    void lengthsMustBeExact() {
        assertThatThrownBy(() -> ClientMessages.parse(hex("86 000001"))).isInstanceOf(DisplayProtocolException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> ClientMessages.parse(hex("86 00000001 00"))).isInstanceOf(DisplayProtocolException.class).hasMessageContaining("after its last field");
        assertThatThrownBy(() -> ClientMessages.parse(hex("84 0005 6162"))).isInstanceOf(DisplayProtocolException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> ClientMessages.parse(new byte[0])).isInstanceOf(DisplayProtocolException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> ClientMessages.parse((byte[]) null)).isInstanceOf(DisplayProtocolException.class);
        assertThatThrownBy(() -> ClientMessages.parse(new byte[DisplayProtocol.MAX_CLIENT_MESSAGE_BYTES + 1]))
                .isInstanceOf(DisplayProtocolException.class).hasMessageContaining("more than 4096");
    }

    @Test
    void serverMessagesAndUnknownTypesAreNotClientMessages() {
        assertThatThrownBy(() -> ClientMessages.parse(ServerMessages.pong(1))).isInstanceOf(DisplayProtocolException.class).hasMessageContaining("unknown");
        assertThatThrownBy(() -> ClientMessages.parse(hex("88"))).isInstanceOf(DisplayProtocolException.class).hasMessageContaining("0x88");
    }

    @Test
    void textUpToTheLimitsFitsAndBeyondIsRefused() {
        String longest = "a".repeat(ClientText.MAX_UTF8_BYTES);
        assertThat(ClientMessages.parse(ClientMessages.encode(new ClientText(longest)))).isEqualTo(new ClientText(longest));
        assertThatThrownBy(() -> ClientMessages.encode(new ClientText("é".repeat(ClientText.MAX_UTF8_BYTES / 2 + 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bytes of UTF-8");
        assertThatThrownBy(() -> new ClientText("a".repeat(DisplayProtocol.MAX_TEXT_CHARS + 1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientText("a\uD800b")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("surrogate");
        assertThat(new ClientText("\uD83D\uDE00").text()).hasSize(2);
    }

    @Test
    void messagesMapToTheChannel() {
        assertThat(new ClientTouch(Touch.Action.DOWN, 1, 10, 20).toChannel(5)).isEqualTo(new Touch(Touch.Action.DOWN, 1, 10, 20, 5));
        assertThat(new ClientKey(Key.KeyAction.DOWN, Keys.BACK, 0).toChannel()).isEqualTo(new Key(Key.KeyAction.DOWN, Keys.BACK, 0));
        assertThat(new ClientText("hi").toChannel()).isEqualTo(new Text("hi"));
        assertThat(new ClientResize(720, 1560, 320).toChannel()).isEqualTo(new Resize(720, 1560, 320));
    }

    @Test
    void aTouchIsCheckedAgainstTheCurrentScreen() {
        ClientTouch t = new ClientTouch(Touch.Action.DOWN, 0, 719, 1559);
        t.checkInside(720, 1560);
        assertThatThrownBy(() -> t.checkInside(719, 1560)).isInstanceOf(DisplayProtocolException.class).hasMessageContaining("outside the 719x1560");
        assertThatThrownBy(() -> t.checkInside(720, 1559)).isInstanceOf(DisplayProtocolException.class);
    }

    @Test
    void helloAgreesOnTheVersionBothSpeak() {
        assertThat(new ClientHello(1, 3, 100, 100, 160).agreedVersion()).hasValue(DisplayProtocol.VERSION);
        assertThat(new ClientHello(2, 3, 100, 100, 160).agreedVersion()).isEmpty();
    }
}
