package org.workcell.display;

/**
 * The server's answer to HELLO: the version it chose, the phone's screen, whether copies made on
 * the phone reach the browser's clipboard, and the watermark text to draw over the screen, or null
 * for none (1 to {@link DisplayProtocol#MAX_WATERMARK_BYTES} bytes of UTF-8 when set).
 */
public record ServerWelcome(int version, int width, int height, int densityDpi, boolean clipboardOut, String watermark)
        implements ServerMessage {
    public ServerWelcome {
        if (version < 1 || version > 255) {
            throw new IllegalArgumentException("WELCOME version must be in 1..255, was " + version);
        }
        Ranges.dimension(width, "WELCOME width");
        Ranges.dimension(height, "WELCOME height");
        Ranges.dpi(densityDpi, "WELCOME dpi");
        if (watermark != null) {
            int bytes = org.workcell.display.internal.WireWriter.utf8(watermark, "WELCOME watermark").length;
            if (bytes < 1 || bytes > DisplayProtocol.MAX_WATERMARK_BYTES) {
                throw new IllegalArgumentException("WELCOME watermark must be 1.." + DisplayProtocol.MAX_WATERMARK_BYTES
                        + " bytes of UTF-8, was " + bytes);
            }
        }
    }
}
