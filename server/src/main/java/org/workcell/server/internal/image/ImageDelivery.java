package org.workcell.server.internal.image;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.workcell.core.problem.ProblemException;
import org.workcell.core.problem.ProblemKind;
import org.workcell.server.internal.device.DeviceAuthenticator;
import org.workcell.server.internal.device.DeviceState;

/**
 * What a device needs to fetch its group's image: the manifest signed with the image key (with
 * the rollback permission when the group was pointed back at an older version), where the index
 * and chunks are, and a short-lived token to read them.
 */
public final class ImageDelivery {
    /** The answer to a device: a static store may live elsewhere, so the URLs are absolute. */
    public record Offer(String manifest, String indexUrl, String storeUrl, String downloadToken, Instant tokenExpiresAt) {}

    private final Jdbi jdbi;
    private final ImageRepository images;
    private final DownloadTokens tokens;
    private final Supplier<String> baseUrl;

    /**
     * @param baseUrl where the repository's files are served: this server's {@code /api/v1/images},
     *                or a static server or object store holding a copy of {@code DATA/images}
     */
    public ImageDelivery(Jdbi jdbi, ImageRepository images, DownloadTokens tokens, Supplier<String> baseUrl) {
        this.jdbi = jdbi;
        this.images = images;
        this.tokens = tokens;
        this.baseUrl = baseUrl;
    }

    public Offer offer(UUID deviceId, long sequence) {
        record Assignment(DeviceState state, String name, String version, boolean rollback) {}
        Assignment assignment = jdbi.inTransaction(h -> {
            DeviceAuthenticator.consumeSequence(h, deviceId, sequence);
            return h.createQuery("""
                            SELECT d.state, g.image_name, g.image_version, g.image_rollback
                            FROM devices d JOIN users u ON u.id = d.user_id JOIN business_groups g ON g.id = u.group_id
                            WHERE d.id = ?""")
                    .bind(0, deviceId)
                    .map((rs, ctx) -> new Assignment(DeviceState.parse(rs.getString("state")), rs.getString("image_name"),
                            rs.getString("image_version"), rs.getBoolean("image_rollback")))
                    .one();
        });
        if (assignment.state() == DeviceState.DISABLED || assignment.state().isTerminal()) {
            throw ProblemException.conflict("this device is " + assignment.state().wireName() + " and gets no image");
        }
        String manifest = images.manifest(assignment.name(), assignment.version(), assignment.rollback())
                .orElseThrow(() -> new ProblemException(ProblemKind.NOT_FOUND, "the group's image " + assignment.name() + " "
                        + assignment.version() + " has not been published yet; ask your IT admin"));
        String token = tokens.issue(deviceId);
        String base = baseUrl.get();
        return new Offer(manifest, base + "/" + assignment.name() + "/" + assignment.version() + "/index.caibx", base + "/store",
                token, tokens.expiry(token));
    }
}
