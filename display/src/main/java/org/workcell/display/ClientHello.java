package org.workcell.display;

import java.util.OptionalInt;

/**
 * The browser's first message: the protocol versions it speaks, and its viewport in device pixels
 * with its density, from which the server picks the phone's screen size.
 */
public record ClientHello(int minVersion, int maxVersion, int viewportWidth, int viewportHeight, int densityDpi)
        implements ClientMessage {
    public ClientHello {
        if (minVersion < 1 || maxVersion > 255 || minVersion > maxVersion) {
            throw new IllegalArgumentException("HELLO versions must satisfy 1 <= min <= max <= 255, were " + minVersion + ".." + maxVersion);
        }
        Ranges.dimension(viewportWidth, "HELLO viewport width");
        Ranges.dimension(viewportHeight, "HELLO viewport height");
        Ranges.dpi(densityDpi, "HELLO dpi");
    }

    /** The version to speak: {@link DisplayProtocol#VERSION} if the browser accepts it, else empty. */
    public OptionalInt agreedVersion() {
        return minVersion <= DisplayProtocol.VERSION && DisplayProtocol.VERSION <= maxVersion
                ? OptionalInt.of(DisplayProtocol.VERSION) : OptionalInt.empty();
    }
}
