package org.workcell.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RoundTripTest {

    @Test
    void everyMessageTypeRoundTrips() throws IOException {
        List<Message> all = TestMessages.oneOfEach();
        Set<Class<?>> covered = all.stream().map(Object::getClass).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrder(Message.class.getPermittedSubclasses());

        List<Message> back = TestMessages.decode(TestMessages.encode(all, ChannelLimits.DEFAULT), ChannelLimits.DEFAULT);

        assertThat(back).isEqualTo(all);
    }

    @Test
    void eachMessageAloneRoundTrips() throws IOException {
        Hello hello = (Hello) TestMessages.oneOfEach().getFirst();
        for (Message m : TestMessages.oneOfEach()) {
            // FrameUpdates need the display size from a Hello first.
            List<Message> stream = m instanceof FrameUpdate ? List.of(hello, m) : List.of(m);
            assertThat(TestMessages.decode(TestMessages.encode(stream, ChannelLimits.DEFAULT), ChannelLimits.DEFAULT))
                    .as(m.getClass().getSimpleName())
                    .isEqualTo(stream);
        }
    }

    @Test
    void wireBytesAreThoseThePackageDocumentationDescribes() {
        HexFormat hex = HexFormat.of();
        assertThat(hex.formatHex(TestMessages.encode(List.of(new Touch(Touch.Action.UP, 1, 2, 3, 4)), ChannelLimits.DEFAULT)))
                .isEqualTo("00000016" + "42" + "02" + "00000001" + "00000002" + "00000003" + "0000000000000004");
        assertThat(hex.formatHex(TestMessages.encode(List.of(new Hello(1, 720, 1560, 320, "é")), ChannelLimits.DEFAULT)))
                .isEqualTo("00000017" + "01" + "00000001" + "000002d0" + "00000618" + "00000140" + "00000002" + "c3a9");
        assertThat(hex.formatHex(TestMessages.encode(List.of(
                new Hello(1, 4, 4, 160, ""),
                new FrameUpdate(9, List.of(new FillRect(1, 2, 3, 1, 0xFF8000), new PixelsRect(0, 0, 1, 1, new int[] {0x010203})))),
                ChannelLimits.DEFAULT)).substring(2 * 25))
                .isEqualTo("00000037" + "02" + "0000000000000009" + "00000002"
                        + "01" + "00000001" + "00000002" + "00000003" + "00000001" + "00ff8000"
                        + "02" + "00000000" + "00000000" + "00000001" + "00000001" + "00010203");
        assertThat(hex.formatHex(TestMessages.encode(List.of(new Unlock(), new Disabled(false, "")), ChannelLimits.DEFAULT)))
                .isEqualTo("00000001" + "4b" + "00000006" + "4d" + "00" + "00000000");
    }

    @Test
    void welcomeNeverPrintsTheKey() {
        byte[] key = {0x5A, 0x5A, 0x5A, 0x5A};
        var welcome = new Welcome(1, "p1", "ada", key);

        assertThat(welcome.toString()).contains("p1", "ada", "4 bytes").doesNotContain("90", "5A", "5a", "[B@", "Z");
    }

    @Test
    void largePixelsRectRoundTrips() throws IOException {
        int w = 720;
        int h = 1560;
        int[] rgb = new int[w * h];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (int) ((i * 2654435761L) & 0xFFFFFF);
        }
        List<Message> stream = List.of(new Hello(1, w, h, 320, "x"), new FrameUpdate(1, List.of(new PixelsRect(0, 0, w, h, rgb))));

        byte[] bytes = TestMessages.encode(stream, ChannelLimits.DEFAULT);

        // Reads through a stream that hands out a few bytes at a time, to cross every buffer boundary.
        var trickle = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7));
            }
        };
        var reader = new ChannelReader(trickle);
        assertThat(reader.read()).isEqualTo(stream.get(0));
        assertThat(reader.read()).isEqualTo(stream.get(1));
        assertThat(reader.read()).isNull();
    }

    @Test
    void directionalReaderAndWriterAcceptTheirOwnMessages() throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        var phone = new ChannelWriter(bytes, ChannelLimits.DEFAULT, Direction.PHONE_TO_HOST);
        List<Message> fromPhone = TestMessages.oneOfEach().stream()
                .filter(m -> m instanceof Hello || m instanceof FrameUpdate || m instanceof GatewayRequest
                        || m instanceof LifecycleState || m instanceof Clipboard || m instanceof Resize)
                .toList();
        for (Message m : fromPhone) {
            phone.write(m);
        }
        phone.flush();

        var host = new ChannelReader(new ByteArrayInputStream(bytes.toByteArray()), ChannelLimits.DEFAULT, Direction.PHONE_TO_HOST);
        for (Message m : fromPhone) {
            assertThat(host.read()).isEqualTo(m);
        }
        assertThat(host.read()).isNull();
    }
}
