package org.workcell.channel.internal;

import org.workcell.channel.Direction;

/** Type bytes and directions: the wire table documented in the package-info of org.workcell.channel. */
public final class Wire {
    // Phone to host: 0x01..0x3f.
    public static final int HELLO = 0x01;
    public static final int FRAME_UPDATE = 0x02;
    public static final int GATEWAY_REQUEST = 0x03;
    public static final int LIFECYCLE_STATE = 0x04;
    public static final int CLIPBOARD = 0x05;
    // Host to phone: 0x40..0x7f (Resize also travels back as the phone's confirmation).
    public static final int WELCOME = 0x41;
    public static final int TOUCH = 0x42;
    public static final int KEY = 0x43;
    public static final int TEXT = 0x44;
    public static final int RESIZE = 0x45;
    public static final int LIFECYCLE = 0x46;
    public static final int POLICY = 0x47;
    public static final int STATUS = 0x48;
    public static final int FRAME_ACK = 0x49;
    public static final int GATEWAY_RESPONSE = 0x4A;
    public static final int UNLOCK = 0x4B;
    public static final int LOCK = 0x4C;
    public static final int DISABLED = 0x4D;

    public static final int RECT_COPY = 0;
    public static final int RECT_FILL = 1;
    public static final int RECT_PIXELS = 2;
    /** Kind byte + x, y, width, height: the smallest possible rect (an empty PixelsRect). */
    public static final int MIN_RECT_BYTES = 1 + 16;

    private Wire() {
    }

    /** The record name for a type byte, or null if the type is unknown. */
    public static String name(int type) {
        return switch (type) {
            case HELLO -> "Hello";
            case FRAME_UPDATE -> "FrameUpdate";
            case GATEWAY_REQUEST -> "GatewayRequest";
            case LIFECYCLE_STATE -> "LifecycleState";
            case CLIPBOARD -> "Clipboard";
            case WELCOME -> "Welcome";
            case TOUCH -> "Touch";
            case KEY -> "Key";
            case TEXT -> "Text";
            case RESIZE -> "Resize";
            case LIFECYCLE -> "Lifecycle";
            case POLICY -> "Policy";
            case STATUS -> "Status";
            case FRAME_ACK -> "FrameAck";
            case GATEWAY_RESPONSE -> "GatewayResponse";
            case UNLOCK -> "Unlock";
            case LOCK -> "Lock";
            case DISABLED -> "Disabled";
            default -> null;
        };
    }

    public static boolean allowed(int type, Direction direction) {
        if (direction == null || type == RESIZE) {
            return true;
        }
        boolean fromPhone = type < 0x40;
        return fromPhone == (direction == Direction.PHONE_TO_HOST);
    }

    public static String describe(Direction direction) {
        return direction == Direction.PHONE_TO_HOST ? "phone-to-host" : "host-to-phone";
    }
}
