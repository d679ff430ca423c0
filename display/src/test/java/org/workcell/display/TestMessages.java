package org.workcell.display;

import java.util.Random;
import org.workcell.channel.Key;
import org.workcell.channel.Keys;
import org.workcell.channel.Touch;

/** Random valid messages of every kind, and mutations of their bytes. */
final class TestMessages {
    private TestMessages() {
    }

    static ClientMessage randomClient(Random r) {
        return switch (r.nextInt(7)) {
            case 0 -> {
                int min = 1 + r.nextInt(255);
                yield new ClientHello(min, min + r.nextInt(256 - min), 1 + r.nextInt(8192), 1 + r.nextInt(8192), 1 + r.nextInt(4096));
            }
            case 1 -> new ClientTouch(Touch.Action.values()[r.nextInt(4)], r.nextInt(32), r.nextInt(8192), r.nextInt(8192));
            case 2 -> new ClientKey(Key.KeyAction.values()[r.nextInt(2)], randomKey(r), r.nextInt(16));
            case 3 -> new ClientText(randomText(r, 1 + r.nextInt(r.nextBoolean() ? 20 : 1300)));
            case 4 -> new ClientResize(1 + r.nextInt(8192), 1 + r.nextInt(8192), 1 + r.nextInt(4096));
            case 5 -> new ClientAck(r.nextLong(1L << 32));
            default -> new ClientPing(r.nextInt());
        };
    }

    static ServerMessage randomServer(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> new ServerWelcome(DisplayProtocol.VERSION, 1 + r.nextInt(8192), 1 + r.nextInt(8192), 1 + r.nextInt(4096),
                    r.nextBoolean(), r.nextBoolean() ? null : randomText(r, 1 + r.nextInt(60)));
            case 1 -> new ServerStatus(DisplayStatus.values()[r.nextInt(DisplayStatus.values().length)], r.nextBoolean() ? "" : randomText(r, 1 + r.nextInt(200)));
            case 2 -> new ServerPong(r.nextInt());
            default -> new ServerClipboard(r.nextBoolean() ? "" : randomText(r, 1 + r.nextInt(2000)).replace('x', '\n'));
        };
    }

    private static int randomKey(Random r) {
        while (true) {
            int code = r.nextBoolean() ? 1 + r.nextInt(16) : r.nextInt(0x30000);
            if (Keys.isValid(code)) {
                return code;
            }
        }
    }

    /** Printable text mixing ASCII, accents, CJK and characters outside the BMP (three bytes or more of UTF-8 each). */
    static String randomText(Random r, int codePoints) {
        StringBuilder b = new StringBuilder();
        while (b.codePointCount(0, b.length()) < codePoints) {
            int c = switch (r.nextInt(4)) {
                case 0 -> 0x20 + r.nextInt(0x5F);
                case 1 -> 0xC0 + r.nextInt(0x100);
                case 2 -> 0x4E00 + r.nextInt(0x5000);
                default -> 0x1F300 + r.nextInt(0x200);
            };
            b.appendCodePoint(c);
        }
        // Keep the UTF-8 within one TEXT message.
        while (b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > ClientText.MAX_UTF8_BYTES) {
            b.setLength(b.offsetByCodePoints(0, b.codePointCount(0, b.length()) - 1));
        }
        return b.toString();
    }

    /** One of: a byte changed, bytes cut off, bytes added, the type changed, a length field set to something else. */
    static byte[] mutate(Random r, byte[] valid) {
        byte[] b = valid.clone();
        switch (r.nextInt(5)) {
            case 0 -> {
                int n = 1 + r.nextInt(3);
                for (int i = 0; i < n; i++) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
            }
            case 1 -> b = java.util.Arrays.copyOf(b, r.nextInt(b.length));
            case 2 -> {
                byte[] longer = java.util.Arrays.copyOf(b, b.length + 1 + r.nextInt(8));
                for (int i = b.length; i < longer.length; i++) {
                    longer[i] = (byte) r.nextInt(256);
                }
                b = longer;
            }
            case 3 -> b[0] = (byte) r.nextInt(256);
            default -> {
                if (b.length > 2) {
                    int at = 1 + r.nextInt(b.length - 2);
                    b[at] = (byte) 0xFF;
                    b[at + 1] = (byte) 0xFF;
                }
            }
        }
        return b;
    }
}
