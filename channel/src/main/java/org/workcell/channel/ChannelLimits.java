package org.workcell.channel;

/**
 * Bounds that a {@link ChannelReader} enforces before allocating anything, and that a
 * {@link ChannelWriter} enforces so that it never sends what a reader with the same limits rejects.
 *
 * @param maxMessageBytes largest message (type byte + body); a full-screen {@link PixelsRect} must fit,
 *                        larger updates are split into several rects or frames
 * @param maxWidth        largest display width in pixels
 * @param maxHeight       largest display height in pixels
 * @param maxRects        most rects in one {@link FrameUpdate}
 * @param maxTextChars    longest short string (UTF-16 chars): ids, names, typed text, reasons
 * @param maxGatewayBytes largest gateway request or response body
 */
public record ChannelLimits(int maxMessageBytes, int maxWidth, int maxHeight, int maxRects, int maxTextChars,
                            int maxGatewayBytes) {

    public static final ChannelLimits DEFAULT =
            new ChannelLimits(64 << 20, 8192, 8192, 65536, 4096, 16 << 20);

    public ChannelLimits {
        positive(maxMessageBytes, "maxMessageBytes");
        positive(maxWidth, "maxWidth");
        positive(maxHeight, "maxHeight");
        positive(maxRects, "maxRects");
        positive(maxTextChars, "maxTextChars");
        positive(maxGatewayBytes, "maxGatewayBytes");
    }

    /**
     * Longest document-like string (UTF-16 chars): {@link Policy} and {@link Status} JSON, and
     * {@link Clipboard} text, which is routinely longer than one typed line.
     */
    public int maxJsonChars() {
        return (int) Math.min(Integer.MAX_VALUE / 3, 16L * maxTextChars);
    }

    private static void positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
