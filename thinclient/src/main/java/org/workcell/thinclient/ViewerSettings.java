package org.workcell.thinclient;

import java.nio.charset.StandardCharsets;
import org.workcell.display.DisplayProtocol;

/**
 * What one viewer of a phone is allowed and shown, from the group's policy: whether text copied on
 * the phone reaches the browser's clipboard, and the watermark drawn over the screen (empty for
 * none). {@code densityDpi} is the phone's screen density, which the browser needs to size it.
 */
public record ViewerSettings(int densityDpi, boolean clipboardOut, String watermark) {
    public ViewerSettings {
        if (densityDpi < 1 || densityDpi > DisplayProtocol.MAX_DENSITY_DPI) {
            throw new IllegalArgumentException("densityDpi must be 1 to " + DisplayProtocol.MAX_DENSITY_DPI);
        }
        watermark = watermark == null ? "" : watermark;
        if (watermark.getBytes(StandardCharsets.UTF_8).length > DisplayProtocol.MAX_WATERMARK_BYTES) {
            throw new IllegalArgumentException("the watermark must be at most " + DisplayProtocol.MAX_WATERMARK_BYTES + " bytes");
        }
    }
}
