package org.workcell.channel.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.workcell.channel.ChannelException;
import org.workcell.channel.ChannelLimits;
import org.workcell.channel.Clipboard;
import org.workcell.channel.CopyRect;
import org.workcell.channel.Direction;
import org.workcell.channel.Disabled;
import org.workcell.channel.FillRect;
import org.workcell.channel.FrameAck;
import org.workcell.channel.FrameUpdate;
import org.workcell.channel.GatewayRequest;
import org.workcell.channel.GatewayResponse;
import org.workcell.channel.Hello;
import org.workcell.channel.Key;
import org.workcell.channel.Lifecycle;
import org.workcell.channel.LifecycleState;
import org.workcell.channel.Lock;
import org.workcell.channel.Message;
import org.workcell.channel.PixelsRect;
import org.workcell.channel.Policy;
import org.workcell.channel.Rect;
import org.workcell.channel.Resize;
import org.workcell.channel.Status;
import org.workcell.channel.Text;
import org.workcell.channel.Touch;
import org.workcell.channel.Unlock;
import org.workcell.channel.Welcome;

/**
 * The writing half of the protocol; ChannelWriter is its public face and does the locking.
 * Every check runs before the first byte of a message is buffered, so a rejected message leaves
 * the stream untouched.
 */
public final class MessageEncoder {
    private final OutputStream out;
    private final ChannelLimits limits;
    private final Direction direction;
    private final byte[] buf = new byte[64 * 1024];
    /** Write mode over buf; its contents go to {@code out} when full or on flush. */
    private final ByteBuffer bb = ByteBuffer.wrap(buf);
    /** The display size from the latest Hello or Resize written; 0 x 0 until then. */
    private int displayWidth;
    private int displayHeight;

    public MessageEncoder(OutputStream out, ChannelLimits limits, Direction direction) {
        if (out == null || limits == null) {
            throw new NullPointerException("output stream and limits are required");
        }
        this.out = out;
        this.limits = limits;
        this.direction = direction;
    }

    public void write(Message message) throws IOException {
        if (message == null) {
            throw new ChannelException("cannot write a null message");
        }
        switch (message) {
            case Hello h -> {
                size(h.width(), h.height(), "Hello");
                byte[] version = utf8(h.imageVersion(), limits.maxTextChars(), "Hello.imageVersion");
                begin(Wire.HELLO, 16 + 4L + version.length);
                i32(h.version());
                i32(h.width());
                i32(h.height());
                i32(h.densityDpi());
                bytes(version);
                displayWidth = h.width();
                displayHeight = h.height();
            }
            case FrameUpdate f -> frameUpdate(f);
            case GatewayRequest g -> {
                bodyLimit(g.body(), limits.maxGatewayBytes(), "GatewayRequest.body");
                begin(Wire.GATEWAY_REQUEST, 8 + 4L + g.body().length);
                i64(g.id());
                bytes(g.body());
            }
            case LifecycleState s -> {
                begin(Wire.LIFECYCLE_STATE, 1);
                u8(s.state().ordinal());
            }
            case Clipboard c -> string(Wire.CLIPBOARD, c.text(), limits.maxJsonChars(), "Clipboard.text");
            case Welcome w -> {
                byte[] phoneId = utf8(w.phoneId(), limits.maxTextChars(), "Welcome.phoneId");
                byte[] user = utf8(w.user(), limits.maxTextChars(), "Welcome.user");
                byte[] key = w.containerPrivateKeyPkcs8();
                begin(Wire.WELCOME, 4 + 4L + phoneId.length + 4 + user.length + 4 + key.length);
                i32(w.version());
                bytes(phoneId);
                bytes(user);
                bytes(key);
            }
            case Touch t -> {
                if (t.x() >= limits.maxWidth() || t.y() >= limits.maxHeight()) {
                    throw new ChannelException("Touch at " + t.x() + "," + t.y() + " is beyond the largest display "
                            + limits.maxWidth() + "x" + limits.maxHeight());
                }
                begin(Wire.TOUCH, 1 + 4 + 4 + 4 + 8);
                u8(t.action().ordinal());
                i32(t.pointer());
                i32(t.x());
                i32(t.y());
                i64(t.timeMillis());
            }
            case Key k -> {
                begin(Wire.KEY, 1 + 4 + 4);
                u8(k.action().ordinal());
                i32(k.code());
                i32(k.modifiers());
            }
            case Text t -> string(Wire.TEXT, t.text(), limits.maxTextChars(), "Text.text");
            case Resize r -> {
                size(r.width(), r.height(), "Resize");
                begin(Wire.RESIZE, 12);
                i32(r.width());
                i32(r.height());
                i32(r.densityDpi());
                displayWidth = r.width();
                displayHeight = r.height();
            }
            case Lifecycle l -> {
                begin(Wire.LIFECYCLE, 1);
                u8(l.command().ordinal());
            }
            case Policy p -> string(Wire.POLICY, p.json(), limits.maxJsonChars(), "Policy.json");
            case Status s -> string(Wire.STATUS, s.json(), limits.maxJsonChars(), "Status.json");
            case FrameAck a -> {
                begin(Wire.FRAME_ACK, 8);
                i64(a.frame());
            }
            case GatewayResponse g -> {
                bodyLimit(g.body(), limits.maxGatewayBytes(), "GatewayResponse.body");
                begin(Wire.GATEWAY_RESPONSE, 8 + 4 + 4L + g.body().length);
                i64(g.id());
                i32(g.status());
                bytes(g.body());
            }
            case Unlock u -> begin(Wire.UNLOCK, 0);
            case Lock l -> begin(Wire.LOCK, 0);
            case Disabled d -> {
                byte[] reason = utf8(d.reason(), limits.maxTextChars(), "Disabled.reason");
                begin(Wire.DISABLED, 1 + 4L + reason.length);
                u8(d.disabled() ? 1 : 0);
                bytes(reason);
            }
        }
    }

    public void flush() throws IOException {
        drain();
        out.flush();
    }

    public void close() throws IOException {
        try {
            flush();
        } finally {
            out.close();
        }
    }

    /** Closes the stream without sending what is buffered. */
    public void abort() throws IOException {
        bb.clear();
        out.close();
    }

    private void frameUpdate(FrameUpdate f) throws IOException {
        List<Rect> rects = f.rects();
        if (rects.size() > limits.maxRects()) {
            throw new ChannelException("FrameUpdate has " + rects.size() + " rects, more than the limit of " + limits.maxRects());
        }
        long body = 8 + 4;
        for (int i = 0; i < rects.size(); i++) {
            Rect r = rects.get(i);
            inside(i, r.x(), r.y(), r.width(), r.height(), "");
            switch (r) {
                case CopyRect c -> {
                    inside(i, c.fromX(), c.fromY(), c.width(), c.height(), " source");
                    body += 1 + 24;
                }
                case FillRect fill -> body += 1 + 20;
                case PixelsRect p -> {
                    int bits = 0;
                    for (int v : p.rgb()) {
                        bits |= v;
                    }
                    if ((bits >>> 24) != 0) {
                        throw new ChannelException("FrameUpdate rect " + i + " has pixels that are not 0xRRGGBB");
                    }
                    body += 1 + 16 + 4L * p.rgb().length;
                }
            }
        }
        begin(Wire.FRAME_UPDATE, body);
        i64(f.frame());
        i32(rects.size());
        for (Rect r : rects) {
            switch (r) {
                case CopyRect c -> {
                    u8(Wire.RECT_COPY);
                    rectHeader(c);
                    i32(c.fromX());
                    i32(c.fromY());
                }
                case FillRect fill -> {
                    u8(Wire.RECT_FILL);
                    rectHeader(fill);
                    i32(fill.rgb());
                }
                case PixelsRect p -> {
                    u8(Wire.RECT_PIXELS);
                    rectHeader(p);
                    ints(p.rgb());
                }
            }
        }
    }

    private void rectHeader(Rect r) throws IOException {
        i32(r.x());
        i32(r.y());
        i32(r.width());
        i32(r.height());
    }

    private void inside(int index, int x, int y, int width, int height, String what) throws ChannelException {
        String problem = Checks.rectProblem(x, y, width, height, displayWidth, displayHeight);
        if (problem != null) {
            String known = displayWidth == 0 ? " (no Hello or Resize has been written yet)" : "";
            throw new ChannelException("FrameUpdate rect " + index + what + " (" + width + "x" + height + " at "
                    + x + "," + y + ") " + problem + known);
        }
    }

    private void size(int width, int height, String type) throws ChannelException {
        if (width > limits.maxWidth() || height > limits.maxHeight()) {
            throw new ChannelException(type + " size " + width + "x" + height + " exceeds the limit of "
                    + limits.maxWidth() + "x" + limits.maxHeight());
        }
    }

    private void string(int type, String value, int maxChars, String field) throws IOException {
        byte[] bytes = utf8(value, maxChars, field);
        begin(type, 4L + bytes.length);
        bytes(bytes);
    }

    private static void bodyLimit(byte[] body, int max, String field) throws ChannelException {
        if (body.length > max) {
            throw new ChannelException(field + " is " + body.length + " bytes, more than the limit of " + max);
        }
    }

    /** Strict UTF-8: a lone surrogate would silently become '?', so it is an error here. */
    private static byte[] utf8(String value, int maxChars, String field) throws ChannelException {
        if (value.length() > maxChars) {
            throw new ChannelException(field + " has " + value.length() + " characters, more than the limit of " + maxChars);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new ChannelException(field + " has an unpaired surrogate at index " + i);
            }
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private void begin(int type, long bodyLength) throws IOException {
        if (direction != null && !Wire.allowed(type, direction)) {
            throw new ChannelException(Wire.name(type) + " never travels " + Wire.describe(direction)
                    + ", and this writer writes only " + Wire.describe(direction) + " messages");
        }
        long length = 1 + bodyLength;
        if (length > limits.maxMessageBytes()) {
            throw new ChannelException(Wire.name(type) + " would be " + length + " bytes, more than the limit of "
                    + limits.maxMessageBytes() + "; split it");
        }
        i32((int) length);
        u8(type);
    }

    private void room(int n) throws IOException {
        if (bb.remaining() < n) {
            drain();
        }
    }

    private void drain() throws IOException {
        if (bb.position() > 0) {
            out.write(buf, 0, bb.position());
            bb.clear();
        }
    }

    private void u8(int value) throws IOException {
        room(1);
        bb.put((byte) value);
    }

    private void i32(int value) throws IOException {
        room(4);
        bb.putInt(value);
    }

    private void i64(long value) throws IOException {
        room(8);
        bb.putLong(value);
    }

    /** A u32 length and the bytes; big arrays bypass the buffer. */
    private void bytes(byte[] value) throws IOException {
        i32(value.length);
        if (value.length <= bb.remaining()) {
            bb.put(value);
        } else {
            drain();
            out.write(value);
        }
    }

    /** Bulk big-endian int copy through a view of the buffer: no per-int stream calls. */
    private void ints(int[] values) throws IOException {
        int done = 0;
        while (done < values.length) {
            room(4);
            int n = Math.min(bb.remaining() >>> 2, values.length - done);
            bb.asIntBuffer().put(values, done, n);
            bb.position(bb.position() + (n << 2));
            done += n;
        }
    }
}
