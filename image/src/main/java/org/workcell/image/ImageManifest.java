package org.workcell.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * What an image is, signed with the server's image key (JWS typ {@link #TOKEN_TYPE}). The
 * payload is a zip with stored (uncompressed) entries of the image tree; {@code digest} is its
 * SHA-256 and {@code indexDigest} the SHA-256 of its .caibx index, so a manifest pins every byte.
 *
 * @param serial   rises with every version published; a device refuses a lower serial unless
 *                 {@code rollback} is set by the signer
 * @param rollback the signer's explicit permission to go back to an older image
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ImageManifest(
        String imageId,
        String name,
        String version,
        long serial,
        long size,
        String digest,
        String indexDigest,
        int chunks,
        Display display,
        String osBuild,
        List<String> defaultApps,
        Instant createdAt,
        boolean rollback) {
    public static final String TOKEN_TYPE = "workcell-image-manifest+jws";

    /** The phone's screen: pixels and density (dots per inch), from the image tree's phone.json. */
    public record Display(int width, int height, int density) {}

    public ImageManifest {
        defaultApps = defaultApps == null ? List.of() : List.copyOf(defaultApps);
    }
}
