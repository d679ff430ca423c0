package org.workcell.channel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Valid messages for tests: one of each type, and random sequences that respect given limits. */
final class TestMessages {
    /** Small limits for fuzzing, so that "within limits" is cheap to reach and to check. */
    static final ChannelLimits SMALL = new ChannelLimits(4096, 64, 64, 16, 32, 256);

    private TestMessages() {
    }

    static List<Message> oneOfEach() {
        return List.of(
                new Hello(Channel.VERSION, 8, 6, 320, "2025.1-é"),
                new FrameUpdate(7, List.of(
                        new CopyRect(0, 1, 8, 4, 0, 0),
                        new FillRect(0, 0, 8, 1, 0x336699),
                        new PixelsRect(2, 3, 3, 2, new int[] {0, 0xFFFFFF, 0x123456, 0xABCDEF, 1, 0x10000}))),
                new GatewayRequest(42, new byte[] {1, 2, 3, (byte) 0xFF}),
                new LifecycleState(LifecycleState.State.SAVED),
                new Clipboard("line one\nline two\t😀"),
                new Welcome(Channel.VERSION, "phone-1", "ada@example.com", new byte[] {9, 8, 7}),
                new Touch(Touch.Action.MOVE, 1, 5, 4, 123_456_789L),
                new Key(Key.KeyAction.DOWN, Keys.HOME_BUTTON, Keys.SHIFT | Keys.META),
                new Text("héllo 世界 😀"),
                new Resize(6, 8, 480),
                new Lifecycle(Lifecycle.Command.STOP),
                new Policy("{\"clipboardOut\":false}"),
                new Status("{\"lease\":\"ok\"}"),
                new FrameAck(7),
                new GatewayResponse(42, 404, new byte[0]),
                new Unlock(),
                new Lock(),
                new Disabled(true, "Lease expired.\nConnect to renew."));
    }

    static byte[] encode(List<Message> messages, ChannelLimits limits) {
        var bytes = new ByteArrayOutputStream();
        try (var writer = new ChannelWriter(bytes, limits)) {
            for (Message m : messages) {
                writer.write(m);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static List<Message> decode(byte[] bytes, ChannelLimits limits) throws IOException {
        var reader = new ChannelReader(new ByteArrayInputStream(bytes), limits);
        List<Message> out = new ArrayList<>();
        for (Message m; (m = reader.read()) != null; ) {
            out.add(m);
        }
        return out;
    }

    /** A Hello, then {@code count - 1} random messages valid under {@code limits}. */
    static List<Message> randomSequence(Random random, int count, ChannelLimits limits, int maxPixelsPerRect) {
        var gen = new Generator(random, limits, maxPixelsPerRect);
        List<Message> out = new ArrayList<>();
        out.add(gen.hello());
        for (int i = 1; i < count; i++) {
            out.add(gen.next());
        }
        return out;
    }

    static final class Generator {
        private final Random r;
        private final ChannelLimits limits;
        private final int maxPixelsPerRect;
        private int width;
        private int height;
        private long frame;

        Generator(Random random, ChannelLimits limits, int maxPixelsPerRect) {
            this.r = random;
            this.limits = limits;
            this.maxPixelsPerRect = maxPixelsPerRect;
        }

        Hello hello() {
            width = 1 + r.nextInt(Math.min(limits.maxWidth(), 200));
            height = 1 + r.nextInt(Math.min(limits.maxHeight(), 200));
            return new Hello(1 + r.nextInt(3), width, height, 1 + r.nextInt(640), text(limits.maxTextChars(), false));
        }

        Message next() {
            int budgetChars = limits.maxTextChars();
            return switch (r.nextInt(19)) {
                case 0 -> hello();
                case 1, 2, 3 -> frame();
                case 4 -> new GatewayRequest(r.nextLong() & Long.MAX_VALUE, bytes(gatewayBytes()));
                case 5 -> new LifecycleState(pick(LifecycleState.State.values()));
                case 6 -> new Clipboard(text(limits.maxJsonChars(), true));
                case 7 -> new Welcome(1 + r.nextInt(5), text(budgetChars, false), text(budgetChars, false),
                        bytes(r.nextBoolean() ? 0 : 48));
                case 8 -> new Touch(pick(Touch.Action.values()), r.nextInt(Touch.MAX_POINTERS),
                        r.nextInt(Math.min(limits.maxWidth(), 5000)), r.nextInt(Math.min(limits.maxHeight(), 5000)),
                        r.nextLong() & Long.MAX_VALUE);
                case 9 -> new Key(pick(Key.KeyAction.values()), keyCode(), r.nextInt(Keys.ALL_MODIFIERS + 1));
                case 10 -> new Text(text(budgetChars, false));
                case 11 -> {
                    width = 1 + r.nextInt(Math.min(limits.maxWidth(), 200));
                    height = 1 + r.nextInt(Math.min(limits.maxHeight(), 200));
                    yield new Resize(width, height, 1 + r.nextInt(640));
                }
                case 12 -> new Lifecycle(pick(Lifecycle.Command.values()));
                case 13 -> new Policy(text(limits.maxJsonChars(), true));
                case 14 -> new Status(text(limits.maxJsonChars(), true));
                case 15 -> new FrameAck(r.nextInt(1000));
                case 16 -> new GatewayResponse(r.nextInt(100), 100 + r.nextInt(500), bytes(gatewayBytes()));
                case 17 -> r.nextBoolean() ? new Unlock() : new Lock();
                default -> new Disabled(r.nextBoolean(), text(budgetChars, true));
            };
        }

        /** Rects stay within both the display and the message size limit. */
        FrameUpdate frame() {
            int count = r.nextInt(Math.min(limits.maxRects(), 6) + 1);
            int pixelBudget = Math.min(maxPixelsPerRect, (limits.maxMessageBytes() - 200) / 4 / Math.max(count, 1));
            List<Rect> rects = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int w = r.nextInt(width + 1);
                int h = r.nextInt(height + 1);
                int x = r.nextInt(width - w + 1);
                int y = r.nextInt(height - h + 1);
                switch (r.nextInt(3)) {
                    case 0 -> rects.add(new CopyRect(x, y, w, h, r.nextInt(width - w + 1), r.nextInt(height - h + 1)));
                    case 1 -> rects.add(new FillRect(x, y, w, h, r.nextInt(1 << 24)));
                    default -> {
                        while ((long) w * h > pixelBudget) {
                            if (w > h) {
                                w /= 2;
                            } else {
                                h /= 2;
                            }
                        }
                        int[] rgb = new int[w * h];
                        for (int p = 0; p < rgb.length; p++) {
                            rgb[p] = r.nextInt(1 << 24);
                        }
                        rects.add(new PixelsRect(x, y, w, h, rgb));
                    }
                }
            }
            frame += 1 + r.nextInt(3);
            return new FrameUpdate(frame, rects);
        }

        private int gatewayBytes() {
            return r.nextInt(Math.min(limits.maxGatewayBytes(), 300) + 1);
        }

        private byte[] bytes(int n) {
            byte[] b = new byte[n];
            r.nextBytes(b);
            return b;
        }

        private int keyCode() {
            return switch (r.nextInt(3)) {
                case 0 -> 1 + r.nextInt(Keys.APP_SWITCH);
                case 1 -> 'a' + r.nextInt(26);
                default -> 0x1F600 + r.nextInt(50);
            };
        }

        /** Up to maxChars UTF-16 chars of ASCII, accented, CJK and supplementary characters. */
        String text(int maxChars, boolean controlsAllowed) {
            int target = r.nextInt(10) == 0 ? maxChars : r.nextInt(Math.min(maxChars, 40) + 1);
            var sb = new StringBuilder();
            while (sb.length() < target) {
                int cp = switch (r.nextInt(6)) {
                    case 0 -> 0x20 + r.nextInt(0x5F);
                    case 1 -> 0xC0 + r.nextInt(0x100);
                    case 2 -> 0x4E00 + r.nextInt(0x1000);
                    case 3 -> 0x1F300 + r.nextInt(0x200);
                    case 4 -> controlsAllowed ? r.nextInt(0x20) : 'x';
                    default -> 0xE000 + r.nextInt(0x1000);
                };
                if (sb.length() + Character.charCount(cp) > target) {
                    cp = 'z';
                }
                sb.appendCodePoint(cp);
            }
            return sb.toString();
        }

        private <E> E pick(E[] values) {
            return values[r.nextInt(values.length)];
        }
    }
}
