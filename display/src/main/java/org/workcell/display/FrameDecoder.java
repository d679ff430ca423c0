package org.workcell.display;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.workcell.display.internal.Commands;
import org.workcell.display.internal.InflateStream;
import org.workcell.display.internal.Jpeg;
import org.workcell.display.internal.WireReader;

/**
 * The browser's side of {@link FrameEncoder}, in Java: keeps the screen as {@code 0xRRGGBB} pixels
 * and applies FRAME messages to it, in the order they were encoded. Used by tests, the benchmark's
 * exactness check, and Java clients.
 *
 * <p>A FRAME that breaks the protocol throws {@link DisplayProtocolException}; the decoder is then
 * unusable (the connection's zlib stream has lost its place) and every later call throws
 * {@link IllegalStateException}. Not thread-safe.
 */
public final class FrameDecoder implements AutoCloseable {
    private final InflateStream zlib = new InflateStream();
    /** The connection's palette, which frames change slot by slot. */
    private final int[] palette = new int[Commands.MAX_PALETTE];
    private final boolean[] assigned = new boolean[Commands.MAX_PALETTE];
    private final int[][] slots = new int[DisplayProtocol.MAX_CACHE_SLOTS][];
    private final int[] slotWidths = new int[DisplayProtocol.MAX_CACHE_SLOTS];
    private long cachedPixels;
    private int width;
    private int height;
    private int[] screen = new int[0];
    /** The reference picture KEEP fills and REMAP may read; black after every new size. */
    private int[] reference = new int[0];
    private int[] row = new int[0];
    private final int[] tables = new int[768];
    private boolean failed;
    private boolean closed;

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** A copy of the screen, row by row. */
    public int[] pixels() {
        return screen.clone();
    }

    /** Whether the screen from row {@code fromRow} down equals that of {@code pixels} (a screen of the same size); without copying. */
    public boolean sameRows(int[] pixels, int fromRow) {
        if (pixels.length != screen.length) {
            return false;
        }
        int from = Math.min(screen.length, fromRow * width);
        return java.util.Arrays.equals(screen, from, screen.length, pixels, from, pixels.length);
    }

    /** The pixel at {@code x, y} as {@code 0xRRGGBB}. */
    public int rgb(int x, int y) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            throw new IllegalArgumentException("pixel " + x + "," + y + " lies outside the " + width + "x" + height + " screen");
        }
        return screen[y * width + x];
    }

    /** Applies one FRAME message. */
    public DecodedFrame apply(byte[] message) {
        if (closed) {
            throw new IllegalStateException("the decoder is closed");
        }
        if (failed) {
            throw new IllegalStateException("an earlier FRAME broke the protocol; this decoder cannot continue");
        }
        try {
            return decode(message);
        } catch (DisplayProtocolException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public void close() {
        closed = true;
        zlib.close();
    }

    private DecodedFrame decode(byte[] message) {
        if (message == null || message.length == 0 || (message[0] & 0xFF) != DisplayProtocol.FRAME) {
            throw new DisplayProtocolException("not a FRAME message");
        }
        WireReader r = new WireReader(message, 1, message.length, "FRAME");
        long frame = r.u32("frame");
        int w = r.u16("width");
        int h = r.u16("height");
        if (w < 1 || h < 1 || w > DisplayProtocol.MAX_DIMENSION || h > DisplayProtocol.MAX_DIMENSION) {
            throw r.invalid("size", w + "x" + h + " is out of range 1.." + DisplayProtocol.MAX_DIMENSION);
        }
        long bodyLength = r.u32("body length");
        if (bodyLength > DisplayProtocol.maxFrameBody(w, h)) {
            throw r.invalid("body length", bodyLength + " is more than a " + w + "x" + h + " screen needs");
        }
        long deflated = r.u32("deflated length");
        if (deflated > r.remaining()) {
            throw r.invalid("deflated length", deflated + " is more than the " + r.remaining() + " bytes left");
        }
        if ((bodyLength == 0) != (deflated == 0)) {
            throw r.invalid("deflated length", deflated + " does not go with a body of " + bodyLength + " bytes");
        }
        int zFrom = r.skip((int) deflated, "deflated body");
        int trailer = r.position();
        boolean resized = w != width || h != height;
        if (resized) {
            width = w;
            height = h;
            screen = new int[w * h];
            reference = new int[w * h];
            row = new int[w];
        }
        byte[] body = bodyLength == 0 ? new byte[0] : zlib.inflate(message, zFrom, (int) deflated, (int) bodyLength);
        List<DecodedFrame.Area> damage = new ArrayList<>();
        if (body.length > 0) {
            WireReader b = new WireReader(body, 0, body.length, "FRAME body");
            int updates = b.u8("palette changes");
            for (int i = 0; i < updates; i++) {
                int slot = b.u8("palette slot");
                if (slot >= Commands.MAX_PALETTE) {
                    throw b.invalid("palette slot", slot + " is not below " + Commands.MAX_PALETTE);
                }
                palette[slot] = b.u24("palette colour");
                assigned[slot] = true;
            }
            long commandBytes = b.u32("command bytes");
            if (commandBytes > b.remaining()) {
                throw b.invalid("command bytes", commandBytes + " is more than the " + b.remaining() + " bytes left");
            }
            WireReader commands = new WireReader(body, b.skip((int) commandBytes, "commands"), b.position(), "FRAME command");
            long planeBytes = b.u32("index plane bytes");
            if (planeBytes > b.remaining()) {
                throw b.invalid("index plane bytes", planeBytes + " is more than the " + b.remaining() + " bytes left");
            }
            Pixels pixels = new Pixels(b.skip((int) planeBytes, "index plane"), b.position(),
                    new WireReader(body, b.position(), body.length, "FRAME escaped colours"));
            while (commands.remaining() > 0) {
                trailer = command(commands, pixels, message, trailer, damage);
            }
            if (pixels.at != pixels.end || pixels.escapes.remaining() != 0) {
                throw new DisplayProtocolException("FRAME body has " + (pixels.end - pixels.at) + " index bytes and "
                        + pixels.escapes.remaining() + " escape bytes that no command uses");
            }
        }
        if (trailer != message.length) {
            throw new DisplayProtocolException("FRAME has " + (message.length - trailer) + " bytes after its last JPEG");
        }
        return new DecodedFrame(frame, width, height, resized, damage);
    }

    /** Where PIXELS commands take their pixels from: the frame's index plane and escaped colours. */
    private static final class Pixels {
        final int end;
        final WireReader escapes;
        int at;

        Pixels(int at, int end, WireReader escapes) {
            this.at = at;
            this.end = end;
            this.escapes = escapes;
        }
    }

    /** Applies one command; returns where the next JPEG starts in the message. */
    private int command(WireReader b, Pixels pixels, byte[] message, int trailer, List<DecodedFrame.Area> damage) {
        int kind = b.u8("command");
        switch (kind) {
            case Commands.COPY -> {
                int x = b.u16("COPY x");
                int y = b.u16("COPY y");
                int w = b.u16("COPY width");
                int h = b.u16("COPY height");
                int fromX = b.u16("COPY from x");
                int fromY = b.u16("COPY from y");
                inside(b, "COPY", x, y, w, h);
                inside(b, "COPY source", fromX, fromY, w, h);
                boolean down = y > fromY;
                for (int i = 0; i < h; i++) {
                    int row = down ? h - 1 - i : i;
                    System.arraycopy(screen, (fromY + row) * width + fromX, screen, (y + row) * width + x, w);
                }
                damage.add(new DecodedFrame.Area(x, y, w, h));
            }
            case Commands.FILL -> {
                int x = b.u16("FILL x");
                int y = b.u16("FILL y");
                int w = b.u16("FILL width");
                int h = b.u16("FILL height");
                int rgb = b.u24("FILL colour");
                inside(b, "FILL", x, y, w, h);
                for (int row = y; row < y + h; row++) {
                    Arrays.fill(screen, row * width + x, row * width + x + w, rgb);
                }
                damage.add(new DecodedFrame.Area(x, y, w, h));
            }
            case Commands.PIXELS -> {
                int x = b.u16("PIXELS x");
                int y = b.u16("PIXELS y");
                int w = b.u16("PIXELS width");
                int h = b.u16("PIXELS height");
                inside(b, "PIXELS", x, y, w, h);
                if (pixels.end - pixels.at < w * h) {
                    throw b.invalid("PIXELS", w + "x" + h + " needs more index bytes than the " + (pixels.end - pixels.at) + " left");
                }
                byte[] bytes = b.bytes();
                for (int row = 0; row < h; row++) {
                    int o = (y + row) * width + x;
                    for (int col = 0; col < w; col++) {
                        int index = bytes[pixels.at++] & 0xFF;
                        if (index == Commands.ESCAPE) {
                            screen[o + col] = pixels.escapes.u24("escaped colour");
                        } else if (assigned[index]) {
                            screen[o + col] = palette[index];
                        } else {
                            throw b.invalid("PIXELS index", index + " names a palette slot no frame has filled");
                        }
                    }
                }
                damage.add(new DecodedFrame.Area(x, y, w, h));
            }
            case Commands.RAW -> {
                int x = b.u16("RAW x");
                int y = b.u16("RAW y");
                int w = b.u16("RAW width");
                int h = b.u16("RAW height");
                inside(b, "RAW", x, y, w, h);
                int at = b.skip(w * h * 3, "RAW pixels");
                byte[] bytes = b.bytes();
                int above = 0;
                for (int row = 0; row < h; row++) {
                    int o = (y + row) * width + x;
                    int prev = above;
                    for (int col = 0; col < w; col++) {
                        int red = (prev >>> 16) + bytes[at++] & 0xFF;
                        int green = (prev >>> 8) + bytes[at++] & 0xFF;
                        int blue = prev + bytes[at++] & 0xFF;
                        prev = red << 16 | green << 8 | blue;
                        screen[o + col] = prev;
                        if (col == 0) {
                            above = prev;
                        }
                    }
                }
                damage.add(new DecodedFrame.Area(x, y, w, h));
            }
            case Commands.JPEG -> {
                int x = b.u16("JPEG x");
                int y = b.u16("JPEG y");
                int w = b.u16("JPEG width");
                int h = b.u16("JPEG height");
                long length = b.u32("JPEG length");
                inside(b, "JPEG", x, y, w, h);
                if (length > message.length - trailer) {
                    throw b.invalid("JPEG length", length + " is more than the " + (message.length - trailer) + " bytes left");
                }
                int[] rgb = Jpeg.decode(message, trailer, (int) length, w, h);
                for (int row = 0; row < h; row++) {
                    System.arraycopy(rgb, row * w, screen, (y + row) * width + x, w);
                }
                damage.add(new DecodedFrame.Area(x, y, w, h));
                return trailer + (int) length;
            }
            case Commands.CACHED -> {
                int slot = b.u16("CACHED slot");
                int x = b.u16("CACHED x");
                int y = b.u16("CACHED y");
                if (slot >= DisplayProtocol.MAX_CACHE_SLOTS || slots[slot] == null) {
                    throw b.invalid("CACHED slot", slot + " holds no tile");
                }
                int[] tile = slots[slot];
                int w = slotWidths[slot];
                int h = tile.length / w;
                inside(b, "CACHED", x, y, w, h);
                for (int row = 0; row < h; row++) {
                    System.arraycopy(tile, row * w, screen, (y + row) * width + x, w);
                }
                damage.add(new DecodedFrame.Area(x, y, w, h));
            }
            case Commands.STORE -> {
                int slot = b.u16("STORE slot");
                int x = b.u16("STORE x");
                int y = b.u16("STORE y");
                int w = b.u16("STORE width");
                int h = b.u16("STORE height");
                if (slot >= DisplayProtocol.MAX_CACHE_SLOTS) {
                    throw b.invalid("STORE slot", slot + " is not below " + DisplayProtocol.MAX_CACHE_SLOTS);
                }
                inside(b, "STORE", x, y, w, h);
                long total = cachedPixels - (slots[slot] == null ? 0 : slots[slot].length) + (long) w * h;
                if (total > DisplayProtocol.MAX_CACHE_PIXELS) {
                    throw b.invalid("STORE", "would cache " + total + " pixels, more than " + DisplayProtocol.MAX_CACHE_PIXELS);
                }
                int[] tile = new int[w * h];
                for (int row = 0; row < h; row++) {
                    System.arraycopy(screen, (y + row) * width + x, tile, row * w, w);
                }
                slots[slot] = tile;
                slotWidths[slot] = w;
                cachedPixels = total;
            }
            case Commands.KEEP -> {
                int x = b.u16("KEEP x");
                int y = b.u16("KEEP y");
                int w = b.u16("KEEP width");
                int h = b.u16("KEEP height");
                inside(b, "KEEP", x, y, w, h);
                for (int r = y; r < y + h; r++) {
                    System.arraycopy(screen, r * width + x, reference, r * width + x, w);
                }
            }
            case Commands.REMAP -> {
                int x = b.u16("REMAP x");
                int y = b.u16("REMAP y");
                int w = b.u16("REMAP width");
                int h = b.u16("REMAP height");
                int fromX = b.u16("REMAP from x");
                int fromY = b.u16("REMAP from y");
                int source = b.u8("REMAP source");
                inside(b, "REMAP", x, y, w, h);
                inside(b, "REMAP source", fromX, fromY, w, h);
                if (source > 1) {
                    throw b.invalid("REMAP source", source + " is neither 0 (the screen) nor 1 (the reference)");
                }
                int at = b.skip(768, "REMAP tables");
                byte[] bytes = b.bytes();
                for (int i = 0; i < 768; i++) {
                    tables[i] = ((i % 256 == 0 ? 0 : tables[i - 1]) + bytes[at + i]) & 0xFF;
                }
                int[] from = source == 0 ? screen : reference;
                // Rows bottom-up when moving down, and each row read whole before it is written: the source is read as it was.
                boolean down = y > fromY;
                for (int i = 0; i < h; i++) {
                    int r = down ? h - 1 - i : i;
                    System.arraycopy(from, (fromY + r) * width + fromX, row, 0, w);
                    int o = (y + r) * width + x;
                    for (int col = 0; col < w; col++) {
                        int c = row[col];
                        screen[o + col] = tables[c >>> 16] << 16 | tables[256 + (c >>> 8 & 0xFF)] << 8 | tables[512 + (c & 0xFF)];
                    }
                }
                damage.add(new DecodedFrame.Area(x, y, w, h));
            }
            default -> throw b.invalid("command", "0x" + Integer.toHexString(kind) + " is unknown");
        }
        return trailer;
    }

    /** Refuses an empty area or one that does not lie inside the screen. */
    private void inside(WireReader b, String what, int x, int y, int w, int h) {
        if (w < 1 || h < 1 || x + w > width || y + h > height) {
            throw b.invalid(what, w + "x" + h + " at " + x + "," + y + " is empty or outside the " + width + "x" + height + " screen");
        }
    }
}
