package org.workcell.display;

/**
 * How a {@link FrameEncoder} encodes.
 *
 * @param tileSize     side of the square tiles damage is cut into, 16 to 256 and a multiple of 8
 * @param deflateLevel zlib level of the connection's stream, 1 (fast) to 9 (small)
 * @param lossy        whether photo-like tiles that keep changing may be sent as JPEG (sent again
 *                     losslessly once they stop changing); off, every frame is pixel-exact
 * @param jpegQuality  JPEG quality in percent, 1 to 100, when {@code lossy}
 * @param cacheSlots   tiles the browser keeps for reuse, 0 (no cache) to
 *                     {@link DisplayProtocol#MAX_CACHE_SLOTS}, and at most
 *                     {@link DisplayProtocol#MAX_CACHE_PIXELS} pixels of full tiles
 */
public record EncoderOptions(int tileSize, int deflateLevel, boolean lossy, int jpegQuality, int cacheSlots) {
    /** Pixel-exact, 64 x 64 tiles, the full cache. */
    public static final EncoderOptions LOSSLESS = new EncoderOptions(64, 6, false, 75, DisplayProtocol.MAX_CACHE_SLOTS);

    public EncoderOptions {
        if (tileSize < 16 || tileSize > 256 || tileSize % 8 != 0) {
            throw new IllegalArgumentException("tileSize must be a multiple of 8 from 16 to 256, was " + tileSize);
        }
        if (deflateLevel < 1 || deflateLevel > 9) {
            throw new IllegalArgumentException("deflateLevel must be 1..9, was " + deflateLevel);
        }
        if (jpegQuality < 1 || jpegQuality > 100) {
            throw new IllegalArgumentException("jpegQuality must be 1..100, was " + jpegQuality);
        }
        if (cacheSlots < 0 || cacheSlots > DisplayProtocol.MAX_CACHE_SLOTS
                || (long) cacheSlots * tileSize * tileSize > DisplayProtocol.MAX_CACHE_PIXELS) {
            throw new IllegalArgumentException("cacheSlots must be 0.." + DisplayProtocol.MAX_CACHE_SLOTS + " and hold at most "
                    + DisplayProtocol.MAX_CACHE_PIXELS + " pixels of " + tileSize + "x" + tileSize + " tiles, was " + cacheSlots);
        }
    }

    /** These options with JPEG allowed at {@code quality} percent. */
    public EncoderOptions withLossy(int quality) {
        return new EncoderOptions(tileSize, deflateLevel, true, quality, cacheSlots);
    }

    public EncoderOptions withTileSize(int size) {
        return new EncoderOptions(size, deflateLevel, lossy, jpegQuality,
                (int) Math.min(cacheSlots, DisplayProtocol.MAX_CACHE_PIXELS / ((long) size * size)));
    }

    public EncoderOptions withDeflateLevel(int level) {
        return new EncoderOptions(tileSize, level, lossy, jpegQuality, cacheSlots);
    }

    public EncoderOptions withCacheSlots(int slots) {
        return new EncoderOptions(tileSize, deflateLevel, lossy, jpegQuality, slots);
    }
}
