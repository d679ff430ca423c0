package org.workcell.channel.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
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

/** The reading half of the protocol; ChannelReader is its public face. Not thread-safe. */
public final class MessageDecoder {
    private static final Unlock UNLOCK = new Unlock();
    private static final Lock LOCK = new Lock();

    private final WireInput in;
    private final ChannelLimits limits;
    private final Direction direction;
    /** The display size from the latest Hello or Resize read; 0 x 0 until then. */
    private int displayWidth;
    private int displayHeight;
    private IOException broken;
    private boolean ended;

    public MessageDecoder(InputStream in, ChannelLimits limits, Direction direction) {
        if (in == null || limits == null) {
            throw new NullPointerException("input stream and limits are required");
        }
        this.in = new WireInput(in, 64 * 1024);
        this.limits = limits;
        this.direction = direction;
    }

    public Message read() throws IOException {
        if (broken != null) {
            throw new ChannelException("channel reader is unusable after an earlier error: " + broken.getMessage(), broken);
        }
        if (ended) {
            return null;
        }
        try {
            long length = in.readLength();
            if (length < 0) {
                ended = true;
                return null;
            }
            if (length == 0) {
                throw new ChannelException("message length is 0; every message has at least a type byte");
            }
            if (length > limits.maxMessageBytes()) {
                throw new ChannelException("message length " + length + " exceeds the limit of "
                        + limits.maxMessageBytes() + " bytes");
            }
            in.begin(length);
            int type = in.u8("type");
            String name = Wire.name(type);
            if (name == null) {
                throw new ChannelException("unknown message type 0x" + Integer.toHexString(type));
            }
            if (!Wire.allowed(type, direction)) {
                throw new ChannelException(name + " never travels " + Wire.describe(direction)
                        + ", and this reader reads only " + Wire.describe(direction) + " messages");
            }
            in.named(name);
            Message message;
            try {
                message = decode(type);
            } catch (IllegalArgumentException e) {
                throw in.error(e.getMessage());
            }
            if (in.remaining() != 0) {
                throw in.error(in.remaining() + " trailing bytes after the last field");
            }
            // Only a complete, valid message changes what later messages are checked against.
            if (message instanceof Hello h) {
                displayWidth = h.width();
                displayHeight = h.height();
            } else if (message instanceof Resize r) {
                displayWidth = r.width();
                displayHeight = r.height();
            }
            return message;
        } catch (IOException e) {
            broken = e;
            throw e;
        }
    }

    private Message decode(int type) throws IOException {
        return switch (type) {
            case Wire.HELLO -> {
                int version = in.i32("version");
                int width = width(in.i32("width"));
                int height = height(in.i32("height"));
                int dpi = in.i32("densityDpi");
                yield new Hello(version, width, height, dpi, in.string(limits.maxTextChars(), "imageVersion"));
            }
            case Wire.FRAME_UPDATE -> frameUpdate();
            case Wire.GATEWAY_REQUEST -> new GatewayRequest(in.i64("id"), in.bytes(limits.maxGatewayBytes(), "body"));
            case Wire.LIFECYCLE_STATE -> new LifecycleState(ordinal(LifecycleState.State.values(), "state"));
            case Wire.CLIPBOARD -> new Clipboard(in.string(limits.maxJsonChars(), "text"));
            case Wire.WELCOME -> new Welcome(in.i32("version"), in.string(limits.maxTextChars(), "phoneId"),
                    in.string(limits.maxTextChars(), "user"), in.bytes(Welcome.MAX_KEY_BYTES, "containerPrivateKeyPkcs8"));
            case Wire.TOUCH -> {
                Touch.Action action = ordinal(Touch.Action.values(), "action");
                int pointer = in.i32("pointer");
                int x = in.i32("x");
                int y = in.i32("y");
                if (x >= limits.maxWidth() || y >= limits.maxHeight()) {
                    throw in.error("point " + x + "," + y + " is beyond the largest display "
                            + limits.maxWidth() + "x" + limits.maxHeight());
                }
                yield new Touch(action, pointer, x, y, in.i64("timeMillis"));
            }
            case Wire.KEY -> new Key(ordinal(Key.KeyAction.values(), "action"), in.i32("code"), in.i32("modifiers"));
            case Wire.TEXT -> new Text(in.string(limits.maxTextChars(), "text"));
            case Wire.RESIZE -> new Resize(width(in.i32("width")), height(in.i32("height")), in.i32("densityDpi"));
            case Wire.LIFECYCLE -> new Lifecycle(ordinal(Lifecycle.Command.values(), "command"));
            case Wire.POLICY -> new Policy(in.string(limits.maxJsonChars(), "json"));
            case Wire.STATUS -> new Status(in.string(limits.maxJsonChars(), "json"));
            case Wire.FRAME_ACK -> new FrameAck(in.i64("frame"));
            case Wire.GATEWAY_RESPONSE -> new GatewayResponse(in.i64("id"), in.i32("status"),
                    in.bytes(limits.maxGatewayBytes(), "body"));
            case Wire.UNLOCK -> UNLOCK;
            case Wire.LOCK -> LOCK;
            case Wire.DISABLED -> {
                int flag = in.u8("disabled");
                if (flag > 1) {
                    throw in.error("disabled must be 0 or 1, was " + flag);
                }
                yield new Disabled(flag == 1, in.string(limits.maxTextChars(), "reason"));
            }
            default -> throw new IllegalStateException("type 0x" + Integer.toHexString(type) + " has a name but no decoder");
        };
    }

    private FrameUpdate frameUpdate() throws IOException {
        long frame = in.i64("frame");
        long count = in.u32("rect count");
        if (count > limits.maxRects()) {
            throw in.error(count + " rects, more than the limit of " + limits.maxRects());
        }
        if (count * Wire.MIN_RECT_BYTES > in.remaining()) {
            throw in.error("declares " + count + " rects but only " + in.remaining() + " bytes follow");
        }
        if (count > 0 && displayWidth == 0) {
            throw in.error("rects before any Hello or Resize said how large the display is");
        }
        Rect[] rects = new Rect[(int) count];
        for (int i = 0; i < rects.length; i++) {
            rects[i] = rect(i);
        }
        return new FrameUpdate(frame, Arrays.asList(rects));
    }

    private Rect rect(int index) throws IOException {
        String label = "rect " + index;
        int kind = in.u8(label + " kind");
        int x = in.i32(label + " x");
        int y = in.i32(label + " y");
        int width = in.i32(label + " width");
        int height = in.i32(label + " height");
        inside(label, x, y, width, height);
        switch (kind) {
            case Wire.RECT_COPY -> {
                int fromX = in.i32(label + " fromX");
                int fromY = in.i32(label + " fromY");
                inside(label + " source", fromX, fromY, width, height);
                return new CopyRect(x, y, width, height, fromX, fromY);
            }
            case Wire.RECT_FILL -> {
                int rgb = in.i32(label + " rgb");
                if ((rgb >>> 24) != 0) {
                    throw in.error(label + " colour 0x" + Integer.toHexString(rgb) + " is not 0xRRGGBB");
                }
                return new FillRect(x, y, width, height, rgb);
            }
            case Wire.RECT_PIXELS -> {
                // Bounded by the display (checked above) and by the declared length, before allocating.
                long pixels = (long) width * height;
                in.claim(pixels * 4, label + " pixels");
                int[] rgb = new int[(int) pixels];
                in.ints(rgb);
                int bits = 0;
                for (int p : rgb) {
                    bits |= p;
                }
                if ((bits >>> 24) != 0) {
                    throw in.error(label + " has pixels that are not 0xRRGGBB");
                }
                return new PixelsRect(x, y, width, height, rgb);
            }
            default -> throw in.error(label + " has unknown kind " + kind);
        }
    }

    private void inside(String label, int x, int y, int width, int height) throws ChannelException {
        String problem = Checks.rectProblem(x, y, width, height, displayWidth, displayHeight);
        if (problem != null) {
            throw in.error(label + " (" + width + "x" + height + " at " + x + "," + y + ") " + problem);
        }
    }

    private int width(int width) throws ChannelException {
        if (width < 1 || width > limits.maxWidth()) {
            throw in.error("width must be in 1.." + limits.maxWidth() + ", was " + width);
        }
        return width;
    }

    private int height(int height) throws ChannelException {
        if (height < 1 || height > limits.maxHeight()) {
            throw in.error("height must be in 1.." + limits.maxHeight() + ", was " + height);
        }
        return height;
    }

    private <E extends Enum<E>> E ordinal(E[] values, String field) throws IOException {
        int ordinal = in.u8(field);
        if (ordinal >= values.length) {
            throw in.error(field + " " + ordinal + " is out of range 0.." + (values.length - 1));
        }
        return values[ordinal];
    }
}
