package org.workcell.display.internal;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The encoder's picture of the browser's tile cache: which slot holds which tile content, by a
 * 128-bit hash of the pixels, least recently used first. The browser keeps the pixels; the encoder
 * decides every slot number, so both sides agree without any eviction rule on the wire.
 *
 * <p>The hash is keyed with a random seed per encoder, so nobody who controls part of the screen
 * (a sender of mail, say) can craft two different tiles that collide. Most lookups are for tiles
 * never seen before, so a quick weighted sum (which the JIT vectorises) of the tile is checked
 * against those of the cached tiles first, and the full hash is only computed when it matches.
 */
public final class TileCache {
    /** A tile's identity: its size, its quick sum and the two halves of its keyed hash. */
    public record Key(int width, int height, int quick, long a, long b) {}

    private static final long K1 = 0x9E37_79B9_7F4A_7C15L;
    private static final long K2 = 0xC2B2_AE3D_27D4_EB4FL;
    private static final long K3 = 0x1656_67B1_9E37_79F9L;
    private static final long K4 = 0x85EB_CA77_C2B2_AE63L;

    private final int capacity;
    private final long seed;
    private final LinkedHashMap<Key, Integer> slots = new LinkedHashMap<>(64, 0.75f, true);
    /** How many cached tiles have each quick sum. */
    private final Map<Integer, Integer> quicks = new HashMap<>();
    private final int[] columnWeights = new int[256];
    private final int[] rowWeights = new int[256];

    public TileCache(int capacity, long seed) {
        this.capacity = capacity;
        this.seed = seed;
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 256; i++) {
            columnWeights[i] = random.nextInt() | 1;
            rowWeights[i] = random.nextInt() | 1;
        }
    }

    public boolean enabled() {
        return capacity > 0;
    }

    /** The slot holding {@code key} (now the most recently used), or -1. */
    public int find(Key key) {
        Integer slot = slots.get(key);
        return slot == null ? -1 : slot;
    }

    /** The slot holding the {@code w x h} tile at {@code (x, y)} (now the most recently used), or -1. */
    public int find(int[] px, int stride, int x, int y, int w, int h) {
        int quick = quick(px, stride, x, y, w, h);
        return quicks.containsKey(quick) ? find(key(px, stride, x, y, w, h, quick)) : -1;
    }

    /** A slot for {@code key}: a free one, or the least recently used one, which is forgotten. */
    public int store(Key key) {
        int slot;
        if (slots.size() < capacity) {
            slot = slots.size();
        } else {
            Iterator<Map.Entry<Key, Integer>> eldest = slots.entrySet().iterator();
            Map.Entry<Key, Integer> e = eldest.next();
            slot = e.getValue();
            quicks.computeIfPresent(e.getKey().quick(), (q, n) -> n == 1 ? null : n - 1);
            eldest.remove();
        }
        slots.put(key, slot);
        quicks.merge(key.quick(), 1, Integer::sum);
        return slot;
    }

    /** The key of the {@code w x h} tile at {@code (x, y)}. */
    public Key key(int[] px, int stride, int x, int y, int w, int h) {
        return key(px, stride, x, y, w, h, quick(px, stride, x, y, w, h));
    }

    private int quick(int[] px, int stride, int x, int y, int w, int h) {
        int sum = 0;
        for (int row = 0; row < h; row++) {
            int at = (y + row) * stride + x;
            int rowSum = 0;
            for (int i = 0; i < w; i++) {
                rowSum += px[at + i] * columnWeights[i];
            }
            sum += rowSum * rowWeights[row];
        }
        return sum;
    }

    /** Four independent lanes keep the multiplier pipeline busy. */
    private Key key(int[] px, int stride, int x, int y, int w, int h, int quick) {
        long l0 = seed;
        long l1 = seed ^ K1;
        long l2 = seed ^ K2;
        long l3 = seed ^ K3;
        for (int row = y; row < y + h; row++) {
            int i = row * stride + x;
            int end = i + w;
            for (; i + 3 < end; i += 4) {
                l0 = Long.rotateLeft(l0 ^ (px[i] * K1), 29) * K4;
                l1 = Long.rotateLeft(l1 ^ (px[i + 1] * K2), 31) * K4;
                l2 = Long.rotateLeft(l2 ^ (px[i + 2] * K3), 27) * K4;
                l3 = Long.rotateLeft(l3 ^ (px[i + 3] * K1), 33) * K4;
            }
            for (; i < end; i++) {
                l0 = Long.rotateLeft(l0 ^ (px[i] * K2), 23) * K4;
            }
        }
        long a = mix(l0 ^ Long.rotateLeft(l1, 13) ^ Long.rotateLeft(l2, 29) ^ Long.rotateLeft(l3, 43));
        long b = mix(l3 ^ Long.rotateLeft(l2, 11) ^ Long.rotateLeft(l1, 37) ^ Long.rotateLeft(l0, 53) ^ K2);
        return new Key(w, h, quick, a, b);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51_AFD7_ED55_8CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CE_B9FE_1A85_EC53L;
        return z ^ (z >>> 33);
    }
}
