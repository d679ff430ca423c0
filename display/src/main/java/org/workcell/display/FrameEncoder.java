package org.workcell.display;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.workcell.channel.CopyRect;
import org.workcell.channel.FillRect;
import org.workcell.channel.FrameUpdate;
import org.workcell.channel.Framebuffer;
import org.workcell.channel.PixelsRect;
import org.workcell.channel.Rect;
import org.workcell.display.internal.Commands;
import org.workcell.display.internal.FramePixels;
import org.workcell.display.internal.DeflateStream;
import org.workcell.display.internal.Jpeg;
import org.workcell.display.internal.MotionFinder;
import org.workcell.display.internal.RemapFinder;
import org.workcell.display.internal.TileCache;
import org.workcell.display.internal.TileCoder;
import org.workcell.display.internal.WireWriter;

/**
 * Turns screens into FRAME messages for one browser. It keeps what that browser shows, so each
 * frame carries only what changed: a scroll or slide as one copy, then the damaged part of every
 * changed tile as fills, a cached tile, or pixels indexed by the connection's palette (raw when
 * the area has more than 256 colours, JPEG when allowed), all in the connection's zlib stream.
 * The format is described in this package's documentation.
 *
 * <p>Every message returned must reach the browser, in order: each frame is relative to the one
 * before, and so is the compressed stream. A new connection needs a new encoder. Not thread-safe.
 */
public final class FrameEncoder implements AutoCloseable {
    /** A move of fewer lines is not worth a copy. */
    private static final int MIN_MOVE_LINES = 16;
    /** Fewer rows than this are not looked at for a remap: pages that dim are tall, and looking costs time every frame. */
    private static final int MIN_REMAP_ROWS = 64;

    private final EncoderOptions options;
    private final int tile;
    private final TileCoder coder = new TileCoder();
    private final MotionFinder motion = new MotionFinder();
    private final RemapFinder remaps = new RemapFinder();
    private final FramePixels pixels = new FramePixels();
    private final TileCache cache;
    private final DeflateStream zlib;
    /** The frame's commands; pixels indexed by the frame's palette go to {@link #pixels}. */
    private final WireWriter commands = new WireWriter(1 << 16);
    private final WireWriter out = new WireWriter(1 << 16);
    private final List<byte[]> jpegs = new ArrayList<>();
    private final List<int[]> fills = new ArrayList<>();
    /** Per row of the tile being sent: its one colour, or -1. */
    private final int[] rowColours;
    private boolean started;
    private long frame;
    private int width;
    private int height;
    private int cols;
    /** What the browser shows, where it is not marked {@link #lossy}; updated as each frame is encoded. */
    private int[] screen = new int[0];
    /** The browser's reference picture (what KEEP commands put there), black after every new size. */
    private int[] reference = new int[0];
    /** Whether a KEEP put anything in the reference since it was last made black. */
    private boolean referenceKept;
    /** One row of a REMAP's source, read before any of it is written. */
    private int[] remapRow = new int[0];
    /** Per tile: this frame's damage box, empty when {@code x0 >= x1}. */
    private int[] x0;
    private int[] y0;
    private int[] x1;
    private int[] y1;
    /** Per tile: bit n is set if the tile was damaged n + 1 frames ago. */
    private byte[] history;
    /** Per tile: the browser shows JPEG pixels here, to be sent again losslessly. */
    private boolean[] lossy;
    /** Per tile: sent losslessly and not yet in the cache; stored once it stops changing. */
    private boolean[] unstored;
    private boolean closed;
    private boolean broken;

    public FrameEncoder(EncoderOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options is null");
        }
        this.options = options;
        this.tile = options.tileSize();
        this.rowColours = new int[tile];
        this.cache = new TileCache(options.cacheSlots(), new SecureRandom().nextLong());
        this.zlib = new DeflateStream(options.deflateLevel());
    }

    public EncoderOptions options() {
        return options;
    }

    /** The number of the last frame returned (an unsigned 32-bit value, the first is 1), or 0 before any. */
    public long frameNumber() {
        return frame;
    }

    /**
     * Encodes an update the host merged (as {@code DisplaySession.take()} returns it:
     * copies first, then fills and pixels) to the screen it produced. Copies and fills pass through;
     * pixel areas are compared with what the browser has and only their changed tiles are sent. A
     * first frame, or one at a new size, sends all of {@code screenAfter}.
     *
     * @throws IllegalArgumentException if a rect lies outside {@code screenAfter}, or the screen is empty or too large
     */
    public byte[] encode(FrameUpdate merged, Framebuffer screenAfter) {
        open();
        if (merged == null || screenAfter == null) {
            throw new IllegalArgumentException("an update and the screen after it are needed");
        }
        int w = screenAfter.width();
        int h = screenAfter.height();
        checkSize(w, h);
        if (!started || w != width || h != height) {
            return full(screenAfter.pixels(), w, h);
        }
        for (Rect r : merged.rects()) {
            inside(r.x(), r.y(), r.width(), r.height(), "rect");
            if (r instanceof CopyRect c) {
                inside(c.fromX(), c.fromY(), c.width(), c.height(), "copy source");
            }
        }
        try {
            return hinted(merged, screenAfter);
        } catch (RuntimeException | Error e) {
            broken = true; // half-way through a frame, the browser's screen is no longer known
            throw e;
        }
    }

    private byte[] hinted(FrameUpdate merged, Framebuffer screenAfter) {
        begin();
        motion.forget(); // the screen changes here as the motion finder does not expect
        // Pixels are sent after every copy and fill, from the final screen: a copy that follows
        // pixels in the update would read them, so its destination is compared afresh as well.
        List<Rect> compare = new ArrayList<>();
        for (Rect r : merged.rects()) {
            if (r.width() == 0 || r.height() == 0) {
                continue;
            }
            switch (r) {
                case CopyRect c -> {
                    copy(c.x(), c.y(), c.width(), c.height(), c.fromX(), c.fromY());
                    if (!compare.isEmpty()) {
                        compare.add(c);
                    }
                }
                case FillRect f -> {
                    commands.u8(Commands.FILL).u16(f.x()).u16(f.y()).u16(f.width()).u16(f.height()).u24(f.rgb());
                    for (int row = f.y(); row < f.y() + f.height(); row++) {
                        Arrays.fill(screen, row * width + f.x(), row * width + f.x() + f.width(), f.rgb());
                    }
                }
                case PixelsRect p -> compare.add(p);
            }
        }
        for (Rect r : compare) {
            int[] region = screenAfter.region(r.x(), r.y(), r.width(), r.height());
            diff(region, r.width(), r.x(), r.y(), r.x(), r.y(), r.width(), r.height());
            for (int row = 0; row < r.height(); row++) {
                System.arraycopy(region, row * r.width(), screen, (r.y() + row) * width + r.x(), r.width());
            }
        }
        return finish();
    }

    /**
     * Encodes a whole screen, {@code 0xRRGGBB} row by row, finding by itself what changed since the
     * last frame and whether part of it scrolled or slid. The top byte is ignored (ARGB pixels from
     * {@code BufferedImage.getRGB} will do; every colour goes out as its low 24 bits), though a change
     * in it alone counts as a change. The array is read, not kept.
     *
     * @throws IllegalArgumentException for a size out of range or an array of the wrong length
     */
    public byte[] encodeFrame(int[] rgb, int width, int height) {
        open();
        checkSize(width, height);
        if (rgb == null || rgb.length != width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " screen needs " + width * height + " pixels, got "
                    + (rgb == null ? "none" : rgb.length));
        }
        if (!started || width != this.width || height != this.height) {
            return full(rgb.clone(), width, height);
        }
        try {
            begin();
            int[] changed = changedRows(rgb);
            if (changed != null) {
                // One move per frame: a second search (for something sliding beside a scroll) cost more than it found.
                MotionFinder.Motion m = motion.find(screen, rgb, width, changed[0], changed[1], changed[2], changed[3], MIN_MOVE_LINES);
                // Beside the move, what slid and changed colour (a page dimming beneath a sliding one). Not with JPEG:
                // the encoder does not know the pixels of lossy tiles such a remap would read.
                Remap remap = options.lossy() ? null : remap(rgb, changed, m);
                if (remap != null && remap.keep()) {
                    keep(remap.keepArea());
                }
                if (m != null) {
                    copy(m.x(), m.y(), m.width(), m.height(), m.x() - m.dx(), m.y() - m.dy());
                }
                if (remap != null) {
                    remap(remap);
                }
                diff(rgb, width, 0, 0, changed[0], changed[2], changed[1] - changed[0], changed[3] - changed[2]);
            }
            if (changed != null) {
                int from = changed[2] * width;
                System.arraycopy(rgb, from, screen, from, changed[3] * width - from);
            }
            return finish();
        } catch (RuntimeException | Error e) {
            broken = true; // half-way through a frame, the browser's screen is no longer known
            throw e;
        }
    }

    @Override
    public void close() {
        closed = true;
        zlib.close();
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException("the encoder is closed");
        }
        if (broken) {
            throw new IllegalStateException("an earlier frame failed half-way; what the browser shows is no longer known");
        }
    }

    // ---- frame set-up -------------------------------------------------------------------------------

    /** A frame that sends all of {@code pixels} (adopted as the new screen): the first, or one at a new size. */
    private byte[] full(int[] pixels, int w, int h) {
        started = true;
        width = w;
        height = h;
        screen = pixels;
        reference = new int[w * h];
        referenceKept = false;
        motion.forget();
        remapRow = new int[w];
        cols = (w + tile - 1) / tile;
        int tiles = cols * ((h + tile - 1) / tile);
        x0 = new int[tiles];
        y0 = new int[tiles];
        x1 = new int[tiles];
        y1 = new int[tiles];
        history = new byte[tiles];
        lossy = new boolean[tiles];
        unstored = new boolean[tiles];
        begin();
        for (int t = 0; t < tiles; t++) {
            x0[t] = t % cols * tile;
            y0[t] = t / cols * tile;
            x1[t] = Math.min(w, x0[t] + tile);
            y1[t] = Math.min(h, y0[t] + tile);
        }
        return finish();
    }

    private void begin() {
        commands.clear();
        pixels.clear();
        jpegs.clear();
        fills.clear();
        Arrays.fill(x0, Integer.MAX_VALUE);
        Arrays.fill(y0, Integer.MAX_VALUE);
        Arrays.fill(x1, 0);
        Arrays.fill(y1, 0);
    }

    private static void checkSize(int width, int height) {
        if (width < 1 || height < 1 || width > DisplayProtocol.MAX_DIMENSION || height > DisplayProtocol.MAX_DIMENSION) {
            throw new IllegalArgumentException("screen " + width + "x" + height + " is out of range 1.." + DisplayProtocol.MAX_DIMENSION);
        }
    }

    private void inside(int x, int y, int w, int h, String what) {
        if (x < 0 || y < 0 || w < 0 || h < 0 || (long) x + w > width || (long) y + h > height) {
            throw new IllegalArgumentException(what + " " + w + "x" + h + " at " + x + "," + y + " lies outside the "
                    + width + "x" + height + " screen");
        }
    }

    // ---- damage --------------------------------------------------------------------------------------

    /**
     * Grows the damage boxes by the pixels of the area {@code (x, y, w, h)} (screen coordinates)
     * where {@code src} differs from the screen; {@code src} has {@code stride} and its first
     * pixel is at screen {@code (sx, sy)}.
     */
    private void diff(int[] src, int stride, int sx, int sy, int x, int y, int w, int h) {
        for (int row = y; row < y + h; row++) {
            int s = (row - sy) * stride - sx;
            int d = row * width;
            int first = Arrays.mismatch(src, s + x, s + x + w, screen, d + x, d + x + w);
            if (first < 0) {
                continue;
            }
            int rowTile = row / tile * cols;
            for (int tx = (x + first) / tile; tx * tile < x + w; tx++) {
                int from = Math.max(x, tx * tile);
                int to = Math.min(x + w, (tx + 1) * tile);
                int m = Arrays.mismatch(src, s + from, s + to, screen, d + from, d + to);
                if (m < 0) {
                    continue;
                }
                int last = to - 1;
                while (src[s + last] == screen[d + last]) {
                    last--;
                }
                int t = rowTile + tx;
                x0[t] = Math.min(x0[t], from + m);
                x1[t] = Math.max(x1[t], last + 1);
                y0[t] = Math.min(y0[t], row);
                y1[t] = Math.max(y1[t], row + 1);
            }
        }
    }

    /**
     * The bounds of the pixels where {@code rgb} differs from the screen as {x0, x1, y0, y1}, or
     * null when nothing changed: a quick look that leaves the damage boxes alone.
     */
    private int[] changedRows(int[] rgb) {
        int left = Integer.MAX_VALUE;
        int right = 0;
        int top = -1;
        int bottom = 0;
        for (int row = 0; row < height; row++) {
            int at = row * width;
            int first = Arrays.mismatch(rgb, at, at + width, screen, at, at + width);
            if (first < 0) {
                continue;
            }
            if (top < 0) {
                top = row;
            }
            bottom = row + 1;
            left = Math.min(left, first);
            if (right < width) {
                // From the right in steps of 32: most changed rows are changed near their end too.
                int end = width;
                while (end > right && Arrays.equals(rgb, at + Math.max(first, end - 32), at + end, screen, at + Math.max(first, end - 32), at + end)) {
                    end = Math.max(first, end - 32);
                }
                right = Math.max(right, end);
            }
        }
        return top < 0 ? null : new int[] {left, right, top, bottom};
    }

    // ---- commands ------------------------------------------------------------------------------------

    /** Writes a COPY and applies it to the screen; JPEG pixels it moves leave their new tiles lossy too. */
    private void copy(int x, int y, int w, int h, int fromX, int fromY) {
        if (x == fromX && y == fromY) {
            return;
        }
        commands.u8(Commands.COPY).u16(x).u16(y).u16(w).u16(h).u16(fromX).u16(fromY);
        boolean down = y > fromY;
        for (int i = 0; i < h; i++) {
            int row = down ? h - 1 - i : i;
            System.arraycopy(screen, (fromY + row) * width + fromX, screen, (y + row) * width + x, w);
        }
        boolean[] moved = null;
        for (int t = 0; t < lossy.length; t++) {
            if (!lossy[t]) {
                continue;
            }
            int l = Math.max(t % cols * tile, fromX);
            int r = Math.min(t % cols * tile + tile, fromX + w);
            int top = Math.max(t / cols * tile, fromY);
            int bottom = Math.min(t / cols * tile + tile, fromY + h);
            if (l < r && top < bottom) {
                if (moved == null) {
                    moved = new boolean[lossy.length];
                }
                int dx = x - fromX;
                int dy = y - fromY;
                for (int ty = (top + dy) / tile; ty <= (bottom - 1 + dy) / tile; ty++) {
                    for (int tx = (l + dx) / tile; tx <= (r - 1 + dx) / tile; tx++) {
                        moved[ty * cols + tx] = true;
                    }
                }
            }
        }
        if (moved != null) {
            for (int t = 0; t < lossy.length; t++) {
                lossy[t] |= moved[t];
            }
        }
    }

    /** A remap to send: {@code keep} first puts {@code keepArea} of the screen in the reference, which it then reads. */
    private record Remap(RemapFinder.Remap found, boolean fromReference, boolean keep, int[] keepArea) {}

    /**
     * The remap worth sending in the part of the changed band {@code m} does not cover, from the
     * reference or from the screen, or null. A remap from the screen goes through the reference when
     * a COPY runs first (which could overwrite its source), and when its tables are exact (a page
     * before it starts to dim: later frames are best remapped from it again, not from a dimmed copy).
     */
    private Remap remap(int[] rgb, int[] changed, MotionFinder.Motion m) {
        int x0 = changed[0];
        int x1 = changed[1];
        int y0 = changed[2];
        int y1 = changed[3];
        if (m != null && m.dy() == 0) {
            if (m.x() - x0 >= x1 - m.x() - m.width()) {
                x1 = m.x();
            } else {
                x0 = m.x() + m.width();
            }
        } else if (m != null) {
            if (m.y() - y0 >= y1 - m.y() - m.height()) {
                y1 = m.y();
            } else {
                y0 = m.y() + m.height();
            }
        }
        if (y1 - y0 < MIN_REMAP_ROWS || !remaps.target(rgb, width, x0, x1, y0, y1, MIN_MOVE_LINES)) {
            return null;
        }
        RemapFinder.Remap fromReference = referenceKept ? remaps.find(reference, rgb, width, x0, x1, y0, y1, MIN_MOVE_LINES) : null;
        // An exact remap of the whole area from the reference is as good as it gets: no need to look at the screen.
        boolean exact = fromReference != null && fromReference.wrong() == 0 && fromReference.width() == x1 - x0;
        RemapFinder.Remap fromScreen = exact ? null : remaps.find(screen, rgb, width, x0, x1, y0, y1, MIN_MOVE_LINES);
        if (fromScreen != null && (fromReference == null || score(fromScreen) > score(fromReference))) {
            boolean keep = m != null || fromScreen.wrong() == 0;
            int[] area = null;
            if (keep) {
                int left = Math.min(changed[0], fromScreen.fromX());
                int top = Math.min(changed[2], fromScreen.fromY());
                int right = Math.max(changed[1], fromScreen.fromX() + fromScreen.width());
                int bottom = Math.max(changed[3], fromScreen.fromY() + fromScreen.height());
                area = new int[] {left, top, right - left, bottom - top};
            }
            return new Remap(fromScreen, keep, keep, area);
        }
        return fromReference == null ? null : new Remap(fromReference, true, false, null);
    }

    /** Bigger and more exact is better: each wrongly predicted pixel is sent again. */
    private static long score(RemapFinder.Remap r) {
        return (long) r.width() * r.height() * (1024 - 10L * r.wrong());
    }

    /** Writes a KEEP of {@code area} (x, y, width, height) and applies it to the reference. */
    private void keep(int[] area) {
        referenceKept = true;
        commands.u8(Commands.KEEP).u16(area[0]).u16(area[1]).u16(area[2]).u16(area[3]);
        for (int row = area[1]; row < area[1] + area[3]; row++) {
            System.arraycopy(screen, row * width + area[0], reference, row * width + area[0], area[2]);
        }
    }

    /** Writes a REMAP and applies it to the screen. */
    private void remap(Remap r) {
        RemapFinder.Remap f = r.found();
        int[] tables = f.tables();
        commands.u8(Commands.REMAP).u16(f.x()).u16(f.y()).u16(f.width()).u16(f.height()).u16(f.fromX()).u16(f.fromY())
                .u8(r.fromReference() ? 1 : 0);
        int at = commands.reserve(768);
        byte[] b = commands.array();
        for (int i = 0; i < 768; i++) {
            b[at + i] = (byte) (tables[i] - (i % 256 == 0 ? 0 : tables[i - 1]));
        }
        int[] source = r.fromReference() ? reference : screen;
        boolean down = f.y() > f.fromY();
        for (int i = 0; i < f.height(); i++) {
            int row = down ? f.height() - 1 - i : i;
            System.arraycopy(source, (f.fromY() + row) * width + f.fromX(), remapRow, 0, f.width());
            int to = (f.y() + row) * width + f.x();
            for (int col = 0; col < f.width(); col++) {
                screen[to + col] = RemapFinder.map(tables, remapRow[col]);
            }
        }
    }

    private byte[] finish() {
        for (int t = 0; t < x0.length; t++) {
            boolean damaged = x0[t] < x1[t];
            if (lossy[t]) {
                // The whole tile, whether it changed or not: what the browser has is only close.
                int left = t % cols * tile;
                int top = t / cols * tile;
                x0[t] = left;
                y0[t] = top;
                x1[t] = Math.min(width, left + tile);
                y1[t] = Math.min(height, top + tile);
            }
            if (x0[t] < x1[t]) {
                tile(t, damaged);
            }
            history[t] = (byte) (history[t] << 1 | (damaged ? 1 : 0));
        }
        writeFills();
        // A tile enters the cache once it held still for a frame: what animations pass through would only evict what comes back.
        for (int t = 0; t < unstored.length; t++) {
            if (unstored[t] && x0[t] >= x1[t]) {
                unstored[t] = false;
                int left = t % cols * tile;
                int top = t / cols * tile;
                int tw = Math.min(tile, width - left);
                int th = Math.min(tile, height - top);
                if (TileCoder.uniform(screen, width, left, top, tw, th)) {
                    continue; // a FILL is as cheap as a cached tile
                }
                TileCache.Key key = cache.key(screen, width, left, top, tw, th);
                if (cache.find(key) < 0) {
                    commands.u8(Commands.STORE).u16(cache.store(key)).u16(left).u16(top).u16(tw).u16(th);
                }
            }
        }
        frame = (frame + 1) & 0xFFFF_FFFFL;
        out.clear();
        out.u8(DisplayProtocol.FRAME).u32(frame).u16(width).u16(height);
        int lengthsAt = out.reserve(8);
        long bodyLength = 0;
        if (commands.size() > 0) {
            WireWriter[] parts = pixels.body(commands);
            for (WireWriter part : parts) {
                bodyLength += part.size();
            }
            zlib.compress(out, parts);
        }
        out.patchU32(lengthsAt, bodyLength);
        out.patchU32(lengthsAt + 4, out.size() - lengthsAt - 8);
        for (byte[] j : jpegs) {
            out.bytes(j, 0, j.length);
        }
        return out.toArray();
    }

    /** Sends tile {@code t}'s damage box. */
    private void tile(int t, boolean damagedNow) {
        int bx = x0[t];
        int by = y0[t];
        int bw = x1[t] - bx;
        int bh = y1[t] - by;
        lossy[t] = false;
        unstored[t] = cache.enabled();
        boolean uniform = true;
        for (int r = 0; r < bh; r++) {
            rowColours[r] = uniformRow(bx, bw, by + r);
            uniform &= rowColours[r] >= 0 && rowColours[r] == rowColours[0];
        }
        if (uniform) {
            fills.add(new int[] {bx, by, bw, bh, rowColours[0]});
            return;
        }
        if (cache.enabled()) {
            int left = t % cols * tile;
            int top = t / cols * tile;
            int slot = cache.find(screen, width, left, top, Math.min(tile, width - left), Math.min(tile, height - top));
            if (slot >= 0) {
                commands.u8(Commands.CACHED).u16(slot).u16(left).u16(top);
                unstored[t] = false;
                return;
            }
        }
        // One-colour rows (the space between lines of text) go out as fills, the rest as pixels.
        int r = 0;
        while (r < bh) {
            int start = r;
            int colour = rowColours[r];
            while (r < bh && (colour >= 0 ? rowColours[r] == colour : rowColours[r] < 0)) {
                r++;
            }
            if (colour >= 0) {
                fills.add(new int[] {bx, by + start, bw, r - start, colour});
            } else {
                pixels(t, damagedNow, bx, by + start, bw, r - start);
            }
        }
    }

    /** The colour of the row's part {@code [x, x + w)}, or -1 if it has several. */
    private int uniformRow(int x, int w, int row) {
        int at = row * width + x;
        return TileCoder.sameAsNext(screen, at, w) ? screen[at] : -1;
    }

    /** Sends the area (of tile {@code t}, with more than one colour) as PIXELS, RAW or JPEG. */
    private void pixels(int t, boolean damagedNow, int bx, int by, int bw, int bh) {
        int n = coder.index(screen, width, bx, by, bw, bh);
        if (n == TileCoder.MANY) {
            // Photo-like, and changing in most recent frames (video, animation): JPEG if allowed.
            if (options.lossy() && damagedNow && Integer.bitCount(history[t] & 7) >= 2) {
                byte[] jpeg = Jpeg.encode(screen, width, bx, by, bw, bh, options.jpegQuality());
                commands.u8(Commands.JPEG).u16(bx).u16(by).u16(bw).u16(bh).u32(jpeg.length);
                jpegs.add(jpeg);
                lossy[t] = true;
                unstored[t] = false;
                return;
            }
            TileCoder.writeRaw(commands, screen, width, bx, by, bw, bh);
        } else {
            commands.u8(Commands.PIXELS).u16(bx).u16(by).u16(bw).u16(bh);
            pixels.add(coder, n, bw * bh);
        }
    }

    /** Where a fill could grow: rightwards from its right edge, or downwards from its bottom edge. */
    private record Edge(int at, int from, int length, int colour) {}

    /** The frame's one-colour areas, each merged with its neighbour on the left and then with the one above. */
    private void writeFills() {
        Map<Edge, int[]> rightEdges = new HashMap<>();
        List<int[]> rows = new ArrayList<>(fills.size());
        for (int[] f : fills) {
            int[] left = rightEdges.remove(new Edge(f[0], f[1], f[3], f[4]));
            if (left != null) {
                left[2] += f[2];
            } else {
                left = f;
                rows.add(f);
            }
            rightEdges.put(new Edge(left[0] + left[2], left[1], left[3], left[4]), left);
        }
        Map<Edge, int[]> bottomEdges = new HashMap<>();
        for (int[] f : rows) {
            int[] above = bottomEdges.remove(new Edge(f[1], f[0], f[2], f[4]));
            if (above != null) {
                above[3] += f[3];
                f[2] = 0; // merged away
            } else {
                above = f;
            }
            bottomEdges.put(new Edge(above[1] + above[3], above[0], above[2], above[4]), above);
        }
        for (int[] f : rows) {
            if (f[2] > 0) {
                commands.u8(Commands.FILL).u16(f[0]).u16(f[1]).u16(f[2]).u16(f[3]).u24(f[4]);
            }
        }
    }
}
