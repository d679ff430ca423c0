package org.workcell.phone;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * What a phone starts from: its image (read-only), its data folder (the phone's only persistent
 * state), the display it starts with, and a clock for the status bar and the data it stamps.
 */
public record PhoneConfig(Path image, Path data, String imageVersion, int width, int height, int densityDpi, Clock clock) {
    public PhoneConfig {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(clock, "clock");
        imageVersion = imageVersion == null ? "dev" : imageVersion;
    }
}
