package org.workcell.host;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a phone starts from: its id (one per user and device, stable across restarts), the user it
 * belongs to, the image and the user's data folder (the phone's only persistent state).
 */
public record PhoneRequest(String phoneId, String user, PhoneImage image, Path dataFolder) {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public PhoneRequest {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(dataFolder, "dataFolder");
        if (phoneId == null || !ID.matcher(phoneId).matches()) {
            throw new IllegalArgumentException("phone id must be 1-64 characters of a-z, 0-9, '.', '_' or '-'");
        }
        if (user == null || user.isBlank() || user.length() > 128 || user.chars().anyMatch(c -> c < 0x20)) {
            throw new IllegalArgumentException("user must be 1-128 printable characters");
        }
        dataFolder = dataFolder.toAbsolutePath().normalize();
    }
}
