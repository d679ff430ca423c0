package org.workcell.image;

import java.util.Objects;

/**
 * What the device has installed, against which a new manifest is judged: a lower serial is
 * refused unless the signer set {@link ImageManifest#rollback()}, so that a captured old (and
 * perhaps vulnerable) image cannot be replayed onto a device; the same serial is accepted only
 * for the same payload, since two images with one serial mean a signer error or a forgery.
 *
 * @param currentSerial the installed image's serial
 * @param currentDigest the installed payload's SHA-256, lower-case hex
 */
public record FetchPolicy(long currentSerial, String currentDigest) {
    /** Nothing installed yet: any genuine manifest is accepted. */
    public static final FetchPolicy NOTHING_INSTALLED = new FetchPolicy(Long.MIN_VALUE, "");

    public FetchPolicy {
        Objects.requireNonNull(currentDigest, "currentDigest");
        if (currentSerial != Long.MIN_VALUE && currentDigest.isEmpty()) {
            throw new IllegalArgumentException("an installed image has a digest");
        }
    }

    /** The policy for a device that has {@code current} installed. */
    public static FetchPolicy installed(ImageManifest current) {
        return new FetchPolicy(current.serial(), current.digest());
    }
}
