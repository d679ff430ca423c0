package org.workcell.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WriterTest {
    private static final ChannelLimits LIMITS = TestMessages.SMALL;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ChannelWriter writer = new ChannelWriter(bytes, LIMITS);

    /** The message is refused, nothing reaches the stream, and the writer goes on working. */
    private void refused(Message message, String why) throws IOException {
        writer.flush();
        int before = bytes.size();
        assertThatThrownBy(() -> writer.write(message)).isInstanceOf(ChannelException.class).hasMessageContaining(why);
        writer.flush();
        assertThat(bytes.size()).isEqualTo(before);
        writer.write(new Lock());
        writer.flush();
        assertThat(bytes.size()).isEqualTo(before + 5);
    }

    @Test
    void refusesWhatAReaderWouldRejectWithoutWritingAnything() throws IOException {
        refused(new FrameUpdate(1, List.of(new FillRect(0, 0, 1, 1, 0))), "no Hello or Resize has been written yet");
        writer.write(new Hello(1, 10, 10, 160, "v"));
        refused(new FrameUpdate(1, List.of(new FillRect(0, 0, 1, 1, 0), new FillRect(5, 5, 6, 1, 0))),
                "rect 1 (6x1 at 5,5) lies outside the 10x10 display");
        refused(new FrameUpdate(1, List.of(new CopyRect(0, 0, 5, 5, 6, 0))), "rect 0 source");
        refused(new FrameUpdate(1, List.of(new PixelsRect(0, 0, 1, 2, new int[] {0, 0xFF000000}))), "not 0xRRGGBB");
        refused(new FrameUpdate(1, java.util.Collections.nCopies(17, new FillRect(0, 0, 1, 1, 0))), "17 rects");
        // Eleven 10x10 rects are 11 x 417 bytes: more than one 4096-byte message.
        refused(new FrameUpdate(1, java.util.Collections.nCopies(11, new PixelsRect(0, 0, 10, 10, new int[100]))),
                "FrameUpdate would be 4600 bytes, more than the limit of 4096; split it");
        refused(new Hello(1, 65, 10, 160, "v"), "exceeds the limit of 64x64");
        refused(new Resize(10, 65, 160), "exceeds the limit of 64x64");
        refused(new Text("x".repeat(33)), "Text.text has 33 characters, more than the limit of 32");
        refused(new Text("\uD800"), "unpaired surrogate");
        refused(new Clipboard("ok \uDC00"), "unpaired surrogate");
        refused(new Policy("x".repeat(513)), "Policy.json has 513");
        refused(new GatewayRequest(1, new byte[257]), "GatewayRequest.body is 257 bytes");
        refused(new GatewayResponse(1, 200, new byte[257]), "GatewayResponse.body is 257 bytes");
        refused(new Touch(Touch.Action.DOWN, 0, 64, 0, 0), "beyond the largest display");
        refused(null, "null");
        // After a valid Resize, a frame that fits only the old size is refused.
        writer.write(new Resize(5, 5, 160));
        refused(new FrameUpdate(2, List.of(new FillRect(0, 0, 10, 10, 0))), "outside the 5x5 display");
    }

    @Test
    void aDirectionalWriterRefusesTheOtherDirection() throws IOException {
        var phone = new ChannelWriter(bytes, LIMITS, Direction.PHONE_TO_HOST);
        assertThatThrownBy(() -> phone.write(new Touch(Touch.Action.DOWN, 0, 1, 1, 0)))
                .isInstanceOf(ChannelException.class).hasMessageContaining("Touch never travels phone-to-host");
        phone.write(new Resize(5, 5, 160));
        var host = new ChannelWriter(bytes, LIMITS, Direction.HOST_TO_PHONE);
        assertThatThrownBy(() -> host.write(new Hello(1, 5, 5, 160, ""))).isInstanceOf(ChannelException.class);
        host.write(new Resize(5, 5, 160));
    }

    @Test
    void recordsRefuseNonsenseAtConstruction() {
        assertThatThrownBy(() -> new PixelsRect(0, 0, 2, 2, new int[3])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs 4 pixels, got 3");
        assertThatThrownBy(() -> new FillRect(0, 0, -1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FillRect(0, 0, 1, 1, 0x1000000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Text("tab\there")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+0009");
        assertThatThrownBy(() -> new Text("\u0085")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Key(Key.KeyAction.DOWN, 0x1F, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Key(Key.KeyAction.DOWN, 0x110000, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FrameUpdate(1, java.util.Arrays.asList((Rect) null))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Welcome(1, "p", "u", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GatewayResponse(1, 600, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Resize(1, 1, 4097)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChannelLimits(0, 1, 1, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Key(Key.KeyAction.UP, 'c', Keys.CTRL).code()).isEqualTo('c');
    }

    @Test
    void concurrentWritersNeverInterleaveMessages() throws Exception {
        var out = new ByteArrayOutputStream();
        var shared = new ChannelWriter(out, ChannelLimits.DEFAULT);
        shared.write(new Hello(1, 100, 100, 160, "v"));
        int threads = 8;
        int each = 300;
        var start = new CountDownLatch(1);
        var failures = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        int[] rgb = new int[50 * 50];
                        java.util.Arrays.fill(rgb, id * 1000 + i);
                        shared.write(i % 2 == 0 ? new FrameUpdate(id * 1000L + i, List.of(new PixelsRect(0, 0, 50, 50, rgb)))
                                : new GatewayRequest(id * 1000L + i, new byte[i]));
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                }
            }));
        }
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        shared.close();

        List<Message> read = TestMessages.decode(out.toByteArray(), ChannelLimits.DEFAULT);
        assertThat(failures).hasValue(0);
        assertThat(read).hasSize(1 + threads * each);
        for (Message m : read.subList(1, read.size())) {
            if (m instanceof FrameUpdate f) {
                int[] rgb = ((PixelsRect) f.rects().getFirst()).rgb();
                assertThat(rgb).containsOnly((int) f.frame());
            } else {
                GatewayRequest g = (GatewayRequest) m;
                assertThat(g.body()).hasSize((int) (g.id() % 1000));
            }
        }
    }

    @Test
    void anIoErrorMidMessageBreaksTheWriterAndCloseSendsNoHalfMessage() throws IOException {
        var failing = new OutputStream() {
            int writes;
            boolean closed;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (++writes == 2) {
                    throw new IOException("pipe broke");
                }
            }

            @Override
            public void close() {
                closed = true;
            }
        };
        var w = new ChannelWriter(failing, ChannelLimits.DEFAULT);
        w.write(new Hello(1, 1000, 1000, 160, "v"));
        // 4 MB of pixels: the buffer is flushed several times, and the second write fails.
        assertThatThrownBy(() -> w.write(new FrameUpdate(1, List.of(new PixelsRect(0, 0, 1000, 1000, new int[1_000_000])))))
                .isInstanceOf(IOException.class).hasMessage("pipe broke");
        assertThatThrownBy(() -> w.write(new Lock())).isInstanceOf(ChannelException.class).hasMessageContaining("pipe broke");
        int writes = failing.writes;
        w.close();
        assertThat(failing.writes).isEqualTo(writes);
        assertThat(failing.closed).isTrue();
        assertThatThrownBy(() -> w.write(new Lock())).isInstanceOf(ChannelException.class).hasMessageContaining("closed");
    }
}
