package org.workcell.host;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An installed image tree a phone starts from (read-only to the phone): {@code phone.json},
 * {@code fonts/}, {@code system/lib/} and {@code catalog/}.
 */
public record PhoneImage(Path folder, String version) {
    public PhoneImage {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(version, "version");
        folder = folder.toAbsolutePath().normalize();
        if (version.isBlank() || version.length() > 128) {
            throw new IllegalArgumentException("image version must be 1-128 characters");
        }
    }
}
