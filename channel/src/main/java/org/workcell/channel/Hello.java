package org.workcell.channel;

import org.workcell.channel.internal.Checks;

/**
 * Phone to host, always first: the phone's protocol version, its display size and density, and the
 * image version it runs. Readers validate later {@link FrameUpdate}s against this size.
 */
public record Hello(int version, int width, int height, int densityDpi, String imageVersion) implements Message {
    public Hello {
        Checks.positive(version, "Hello.version");
        Checks.positive(width, "Hello.width");
        Checks.positive(height, "Hello.height");
        Checks.densityDpi(densityDpi, "Hello.densityDpi");
        Checks.noControlChars(imageVersion, "Hello.imageVersion");
    }
}
