package org.workcell.display;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random sequences of screens that change the way phone screens do: areas painted flat, with a
 * few colours (text, icons), with many (photos, noise) or smooth gradients; bands scrolled up or
 * down and slid sideways with new content coming in; bands slid and dimmed (or blended toward a
 * colour) at once, as a page beneath a sliding one; earlier screens coming back; the size changing.
 */
final class Screens {
    record Screen(int width, int height, int[] rgb) {}

    private Screens() {
    }

    static List<Screen> session(Random r, int frames, int maxSide) {
        List<Screen> out = new ArrayList<>();
        Screen s = fresh(r, maxSide);
        out.add(s);
        for (int i = 1; i < frames; i++) {
            int choice = r.nextInt(20);
            if (choice == 0) {
                s = fresh(r, maxSide);
            } else if (choice == 1 && out.size() > 2) {
                Screen earlier = out.get(r.nextInt(out.size()));
                s = new Screen(earlier.width, earlier.height, earlier.rgb.clone());
            } else if (choice == 2) {
                s = new Screen(s.width, s.height, s.rgb.clone()); // nothing changed
            } else {
                int[] px = s.rgb.clone();
                int ops = 1 + r.nextInt(4);
                for (int k = 0; k < ops; k++) {
                    switch (r.nextInt(7)) {
                        case 0, 1 -> scroll(r, px, s.width, s.height);
                        case 2 -> slide(r, px, s.width, s.height);
                        case 3 -> dimSlide(r, px, s.width, s.height);
                        default -> paint(r, px, s.width, s.height, randomRect(r, s.width, s.height));
                    }
                }
                s = new Screen(s.width, s.height, px);
            }
            out.add(s);
        }
        return out;
    }

    static Screen fresh(Random r, int maxSide) {
        int w = r.nextInt(8) == 0 ? 1 + r.nextInt(4) : 1 + r.nextInt(maxSide);
        int h = r.nextInt(8) == 0 ? 1 + r.nextInt(4) : 1 + r.nextInt(maxSide);
        int[] px = new int[w * h];
        paint(r, px, w, h, new int[] {0, 0, w, h});
        for (int k = r.nextInt(6); k > 0; k--) {
            paint(r, px, w, h, randomRect(r, w, h));
        }
        return new Screen(w, h, px);
    }

    static int[] randomRect(Random r, int w, int h) {
        int rw = 1 + r.nextInt(w);
        int rh = 1 + r.nextInt(h);
        return new int[] {r.nextInt(w - rw + 1), r.nextInt(h - rh + 1), rw, rh};
    }

    static void paint(Random r, int[] px, int w, int h, int[] rect) {
        int kind = r.nextInt(5);
        int base = r.nextInt(1 << 24);
        int[] few = new int[2 + r.nextInt(r.nextBoolean() ? 6 : 40)];
        for (int i = 0; i < few.length; i++) {
            few[i] = r.nextInt(1 << 24);
        }
        int gx = r.nextInt(7) - 3;
        int gy = r.nextInt(7) - 3;
        for (int y = rect[1]; y < rect[1] + rect[3]; y++) {
            for (int x = rect[0]; x < rect[0] + rect[2]; x++) {
                px[y * w + x] = switch (kind) {
                    case 0 -> base;
                    case 1 -> r.nextInt(1 << 24);
                    case 2 -> ((x + y) % 5 == 0 || r.nextInt(9) == 0) ? few[r.nextInt(few.length)] : few[0];
                    case 3 -> gradient(base, (x - rect[0]) * gx + (y - rect[1]) * gy);
                    default -> few[((x / 3) * 7 + (y / 2) * 3) % few.length];
                };
            }
        }
    }

    private static int gradient(int base, int step) {
        int red = Math.clamp((base >>> 16) + step, 0, 255);
        int green = Math.clamp(((base >>> 8) & 0xFF) + step / 2, 0, 255);
        int blue = Math.clamp((base & 0xFF) - step, 0, 255);
        return red << 16 | green << 8 | blue;
    }

    /** A band moved up or down, what comes into view painted. */
    static void scroll(Random r, int[] px, int w, int h) {
        int[] band = randomRect(r, w, h);
        if (band[3] < 2) {
            return;
        }
        int dy = (1 + r.nextInt(band[3] - 1)) * (r.nextBoolean() ? 1 : -1);
        int[] copy = px.clone();
        for (int y = band[1]; y < band[1] + band[3]; y++) {
            int from = y - dy;
            if (from >= band[1] && from < band[1] + band[3]) {
                System.arraycopy(copy, from * w + band[0], px, y * w + band[0], band[2]);
            }
        }
        int top = dy > 0 ? band[1] : band[1] + band[3] + dy;
        paint(r, px, w, h, new int[] {band[0], top, band[2], Math.abs(dy)});
    }

    /** A band moved sideways, what comes into view painted. */
    static void slide(Random r, int[] px, int w, int h) {
        int[] band = randomRect(r, w, h);
        if (band[2] < 2) {
            return;
        }
        int dx = (1 + r.nextInt(band[2] - 1)) * (r.nextBoolean() ? 1 : -1);
        int[] copy = px.clone();
        for (int y = band[1]; y < band[1] + band[3]; y++) {
            for (int x = band[0]; x < band[0] + band[2]; x++) {
                int from = x - dx;
                if (from >= band[0] && from < band[0] + band[2]) {
                    px[y * w + x] = copy[y * w + from];
                }
            }
        }
        int left = dx > 0 ? band[0] : band[0] + band[2] + dx;
        paint(r, px, w, h, new int[] {left, band[1], Math.abs(dx), band[3]});
    }

    /** A band slid sideways (or not at all) and recoloured toward a colour, what comes into view painted. */
    static void dimSlide(Random r, int[] px, int w, int h) {
        int[] band = randomRect(r, w, h);
        int dx = r.nextInt(3) == 0 ? 0 : r.nextInt(band[2] / 2 + 1) - band[2] / 4;
        int toward = r.nextBoolean() ? 0 : r.nextInt(1 << 24);
        int amount = 1 + r.nextInt(120);
        int[] copy = px.clone();
        for (int y = band[1]; y < band[1] + band[3]; y++) {
            for (int x = band[0]; x < band[0] + band[2]; x++) {
                int from = x + dx;
                if (from >= band[0] && from < band[0] + band[2]) {
                    px[y * w + x] = blend(copy[y * w + from], toward, amount);
                }
            }
        }
        if (dx != 0) {
            int left = dx < 0 ? band[0] : band[0] + band[2] - Math.min(dx, band[2]);
            paint(r, px, w, h, new int[] {left, band[1], Math.min(Math.abs(dx), band[2]), band[3]});
        }
    }

    /**
     * A page transition as phones play it: a new page slides in from the right over {@code page},
     * which drifts left and dims a little more every frame; then (from {@code frames / 2} on) it
     * slides out again and the page beneath brightens back.
     */
    static List<Screen> transition(Random r, int w, int h, int frames) {
        int[] page = new int[w * h];
        int[] top = new int[w * h];
        paint(r, page, w, h, new int[] {0, 0, w, h});
        paint(r, top, w, h, new int[] {0, 0, w, h});
        for (int k = 3 + r.nextInt(6); k > 0; k--) {
            paint(r, page, w, h, randomRect(r, w, h));
            paint(r, top, w, h, randomRect(r, w, h));
        }
        return transition(page, top, w, h, r.nextBoolean() ? 0 : r.nextInt(1 << 24), frames);
    }

    /** The transition of {@link #transition(Random, int, int, int)} between these pages, dimming toward {@code toward}. */
    static List<Screen> transition(int[] page, int[] top, int w, int h, int toward, int frames) {
        List<Screen> out = new ArrayList<>();
        out.add(new Screen(w, h, page.clone()));
        int half = frames / 2;
        for (int f = 1; f < frames; f++) {
            int shown = 1000 * (f <= half ? f : frames - 1 - f) / half; // in 1/1000
            int edge = w - w * shown / 1000;
            int drift = w / 4 * shown / 1000;
            int amount = 60 * shown / 1000;
            int[] px = new int[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    px[y * w + x] = x >= edge ? top[y * w + x - edge]
                            : x + drift < w ? blend(page[y * w + x + drift], toward, amount) : toward;
                }
            }
            out.add(new Screen(w, h, px));
        }
        return out;
    }

    /** Each channel {@code amount / 256} of the way toward {@code toward}'s, in integers: exactly the same every time. */
    static int blend(int rgb, int toward, int amount) {
        int out = 0;
        for (int shift = 0; shift < 24; shift += 8) {
            int c = rgb >>> shift & 0xFF;
            int t = toward >>> shift & 0xFF;
            out |= (c + ((t - c) * amount >> 8)) << shift;
        }
        return out;
    }

    static EncoderOptions randomOptions(Random r) {
        int tile = new int[] {16, 24, 64, 128}[r.nextInt(4)];
        EncoderOptions o = EncoderOptions.LOSSLESS.withTileSize(tile).withDeflateLevel(1 + r.nextInt(9));
        return r.nextInt(4) == 0 ? o.withCacheSlots(r.nextInt(3) == 0 ? 0 : 1 + r.nextInt(8)) : o;
    }
}
