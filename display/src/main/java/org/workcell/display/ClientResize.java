package org.workcell.display;

import org.workcell.channel.Resize;

/** The browser's viewport changed (window resized, phone rotated): the size it would like the phone's screen to be. */
public record ClientResize(int width, int height, int densityDpi) implements ClientMessage {
    public ClientResize {
        Ranges.dimension(width, "RESIZE width");
        Ranges.dimension(height, "RESIZE height");
        Ranges.dpi(densityDpi, "RESIZE dpi");
    }

    public Resize toChannel() {
        return new Resize(width, height, densityDpi);
    }
}
