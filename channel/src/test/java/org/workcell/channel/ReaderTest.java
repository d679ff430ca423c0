package org.workcell.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.workcell.channel.Raw.body;
import static org.workcell.channel.Raw.concat;
import static org.workcell.channel.Raw.hello;
import static org.workcell.channel.Raw.message;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class ReaderTest {

    private static AbstractThrowableAssert<?, ? extends Throwable> readingFails(byte[] bytes) {
        return readingFails(bytes, ChannelLimits.DEFAULT);
    }

    /** Reads until the stream is used up; the last read must throw a ChannelException. */
    private static AbstractThrowableAssert<?, ? extends Throwable> readingFails(byte[] bytes, ChannelLimits limits) {
        var reader = new ChannelReader(new ByteArrayInputStream(bytes), limits);
        return assertThatThrownBy(() -> {
            while (reader.read() != null) {
                // keep going until the bad message
            }
        }).isInstanceOf(ChannelException.class);
    }

    @Test
    void emptyStreamAndEndBetweenMessagesReadAsNull() throws IOException {
        var reader = new ChannelReader(new ByteArrayInputStream(message(0x4B, body())));
        assertThat(reader.read()).isEqualTo(new Unlock());
        assertThat(reader.read()).isNull();
        assertThat(reader.read()).isNull();
        assertThat(new ChannelReader(InputStream.nullInputStream()).read()).isNull();
    }

    @Test
    void framingErrors() {
        readingFails(new byte[] {0, 0}).hasMessageContaining("inside a message header");
        readingFails(body().i32(0).bytes()).hasMessageContaining("length is 0");
        readingFails(body().i32(1).u8(0x7F).bytes()).hasMessageContaining("unknown message type 0x7f");
        readingFails(body().i32(1).u8(0x00).bytes()).hasMessageContaining("unknown message type 0x0");
        readingFails(body().i32(9).u8(0x49).i32(0).bytes()).hasMessageContaining("FrameAck").hasMessageContaining("ended in the middle");
        readingFails(body().i32(5).u8(0x49).i32(0).bytes()).hasMessageContaining("FrameAck").hasMessageContaining("too short for frame");
        readingFails(message(0x49, body().i64(1).u8(0))).hasMessageContaining("1 trailing bytes");
        readingFails(message(0x4B, body().u8(0))).hasMessageContaining("Unlock").hasMessageContaining("trailing");
    }

    @Test
    void oversizedLengthIsRejectedBeforeReadingOrAllocatingTheBody() {
        // The header claims 4 GiB; the reader must refuse without touching anything after it.
        byte[] header = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        InputStream strict = new InputStream() {
            private int served;

            @Override
            public int read() {
                if (served >= header.length) {
                    throw new AssertionError("reader read past an oversized header");
                }
                return header[served++] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (served >= header.length) {
                    throw new AssertionError("reader read past an oversized header");
                }
                int n = Math.min(len, header.length - served);
                System.arraycopy(header, served, b, off, n);
                served += n;
                return n;
            }
        };
        assertThatThrownBy(() -> new ChannelReader(strict).read())
                .isInstanceOf(ChannelException.class)
                .hasMessageContaining("4294967295 exceeds the limit of 67108864");
    }

    @Test
    void declaredSizesInsideAMessageMustFitItsLength() {
        // A string claiming 2 GB inside a 9-byte message.
        readingFails(message(0x44, body().i32(Integer.MAX_VALUE).u8('a'))).hasMessageContaining("Text");
        readingFails(message(0x44, body().i32(100).raw("abc".getBytes()))).hasMessageContaining("too short for text");
        // A gateway body over the limit, declared but absent.
        readingFails(message(0x03, body().i64(1).i32(16 << 20 | 1))).hasMessageContaining("more than the limit of 16777216");
        // A million rects claimed in a tiny message.
        readingFails(concat(hello(10, 10), message(0x02, body().i64(1).i32(1_000_000))))
                .hasMessageContaining("1000000 rects, more than the limit of 65536");
        readingFails(concat(hello(10, 10), message(0x02, body().i64(1).i32(1000))))
                .hasMessageContaining("declares 1000 rects but only 0 bytes follow");
    }

    @Test
    void rectsMustLieInsideTheLatestDisplaySize() {
        Raw fill = body().u8(1).i32(0).i32(0).i32(10).i32(10).i32(0);
        readingFails(message(0x02, body().i64(1).i32(1).raw(fill.bytes())))
                .hasMessageContaining("before any Hello or Resize");
        readingFails(concat(hello(9, 10), message(0x02, body().i64(1).i32(1).raw(fill.bytes()))))
                .hasMessageContaining("rect 0 (10x10 at 0,0) lies outside the 9x10 display");
        // Fits the Hello, but not the later, smaller Resize.
        readingFails(concat(hello(10, 10), message(0x45, body().i32(10).i32(5).i32(160)),
                message(0x02, body().i64(1).i32(1).raw(fill.bytes()))))
                .hasMessageContaining("outside the 10x5 display");
        readingFails(concat(hello(10, 10), message(0x02, body().i64(1).i32(1)
                .u8(0).i32(5).i32(5).i32(5).i32(5).i32(6).i32(0))))
                .hasMessageContaining("rect 0 source (5x5 at 6,0) lies outside");
        readingFails(concat(hello(10, 10), message(0x02, body().i64(1).i32(1)
                .u8(1).i32(-1).i32(0).i32(1).i32(1).i32(0))))
                .hasMessageContaining("negative");
        readingFails(concat(hello(10, 10), message(0x02, body().i64(1).i32(1)
                .u8(1).i32(Integer.MAX_VALUE).i32(0).i32(Integer.MAX_VALUE).i32(1).i32(0))))
                .hasMessageContaining("outside");
    }

    @Test
    void pixelsAreCheckedForCountAndRange() {
        // 4x4 pixels declared but only one present: caught by the length before allocating.
        readingFails(concat(hello(10, 10), message(0x02, body().i64(1).i32(1)
                .u8(2).i32(0).i32(0).i32(4).i32(4).i32(0))))
                .hasMessageContaining("too short for rect 0 pixels");
        readingFails(concat(hello(10, 10), message(0x02, body().i64(1).i32(1)
                .u8(2).i32(0).i32(0).i32(1).i32(1).i32(0xFF000000))))
                .hasMessageContaining("not 0xRRGGBB");
        readingFails(concat(hello(10, 10), message(0x02, body().i64(1).i32(1)
                .u8(1).i32(0).i32(0).i32(1).i32(1).i32(0x01000000))))
                .hasMessageContaining("not 0xRRGGBB");
        readingFails(concat(hello(10, 10), message(0x02, body().i64(1).i32(1)
                .u8(3).i32(0).i32(0).i32(1).i32(1))))
                .hasMessageContaining("unknown kind 3");
    }

    @Test
    void fieldsAreRangeChecked() {
        readingFails(message(0x04, body().u8(5))).hasMessageContaining("state 5 is out of range 0..4");
        readingFails(message(0x46, body().u8(4))).hasMessageContaining("command 4 is out of range");
        readingFails(message(0x42, body().u8(4).i32(0).i32(0).i32(0).i64(0))).hasMessageContaining("action 4");
        readingFails(message(0x42, body().u8(0).i32(32).i32(0).i32(0).i64(0))).hasMessageContaining("pointer");
        readingFails(message(0x42, body().u8(0).i32(0).i32(-1).i32(0).i64(0))).hasMessageContaining("Touch.x");
        readingFails(message(0x42, body().u8(0).i32(0).i32(8192).i32(0).i64(0))).hasMessageContaining("beyond the largest display");
        readingFails(message(0x43, body().u8(0).i32(0).i32(0))).hasMessageContaining("Key.code 0");
        readingFails(message(0x43, body().u8(0).i32(0xD800).i32(0))).hasMessageContaining("Key.code");
        readingFails(message(0x43, body().u8(0).i32(Keys.ENTER).i32(16))).hasMessageContaining("modifiers");
        readingFails(message(0x45, body().i32(0).i32(10).i32(160))).hasMessageContaining("width must be in 1..8192, was 0");
        readingFails(message(0x45, body().i32(10).i32(8193).i32(160))).hasMessageContaining("height must be in 1..8192");
        readingFails(message(0x45, body().i32(10).i32(10).i32(0))).hasMessageContaining("densityDpi");
        readingFails(message(0x01, body().i32(0).i32(10).i32(10).i32(160).str(""))).hasMessageContaining("version");
        readingFails(message(0x49, body().i64(-1))).hasMessageContaining("FrameAck.frame must not be negative");
        readingFails(message(0x4A, body().i64(1).i32(99).i32(0))).hasMessageContaining("status");
        readingFails(message(0x4D, body().u8(2).str(""))).hasMessageContaining("disabled must be 0 or 1");
        readingFails(message(0x41, body().i32(1).str("p").str("u").i32(1025).raw(new byte[1025])))
                .hasMessageContaining("containerPrivateKeyPkcs8 is 1025 bytes");
    }

    @Test
    void stringsMustBeValidUtf8WithinLimitsAndTextFreeOfControls() {
        readingFails(message(0x44, body().i32(2).raw((byte) 0xC3, (byte) 0x28))).hasMessageContaining("not valid UTF-8");
        // An encoded surrogate (CESU-8) is not UTF-8 either.
        readingFails(message(0x44, body().i32(3).raw((byte) 0xED, (byte) 0xA0, (byte) 0x80))).hasMessageContaining("not valid UTF-8");
        readingFails(message(0x44, body().str("a\nb"))).hasMessageContaining("control character U+000A");
        readingFails(message(0x41, body().i32(1).str("p\u0000").str("u").i32(0))).hasMessageContaining("Welcome.phoneId");
        var limits = new ChannelLimits(4096, 64, 64, 16, 3, 256);
        readingFails(message(0x44, body().str("abcd")), limits).hasMessageContaining("more than the limit of 3");
        // Three chars, but twelve bytes: more than 3 bytes a char is impossible, so rejected unread.
        readingFails(message(0x44, body().i32(10).raw(new byte[10])), limits).hasMessageContaining("10 bytes, more than the limit of 9");
        // Clipboard and Policy get 16 times as much, and may hold line breaks.
        assertThat(new ChannelReader(new ByteArrayInputStream(message(0x05, body().str("a\nb\tcdefghijklmnop"))), limits))
                .satisfies(r -> assertThat(r.read()).isEqualTo(new Clipboard("a\nb\tcdefghijklmnop")));
    }

    @Test
    void aDirectionalReaderRejectsTheOtherDirection() {
        var hostSide = new ChannelReader(new ByteArrayInputStream(message(0x4B, body())), ChannelLimits.DEFAULT, Direction.PHONE_TO_HOST);
        assertThatThrownBy(hostSide::read).isInstanceOf(ChannelException.class)
                .hasMessageContaining("Unlock never travels phone-to-host");
        var phoneSide = new ChannelReader(new ByteArrayInputStream(hello(10, 10)), ChannelLimits.DEFAULT, Direction.HOST_TO_PHONE);
        assertThatThrownBy(phoneSide::read).isInstanceOf(ChannelException.class).hasMessageContaining("Hello");
    }

    @Test
    void aReaderStaysBrokenAfterAnError() {
        var reader = new ChannelReader(new ByteArrayInputStream(concat(body().i32(1).u8(0x7F).bytes(), message(0x4B, body()))));
        assertThatThrownBy(reader::read).isInstanceOf(ChannelException.class);
        assertThatThrownBy(reader::read).isInstanceOf(ChannelException.class).hasMessageContaining("earlier error");
    }
}
