package org.workcell.core.protocol;

import java.time.Instant;
import java.util.List;

/**
 * What a device receives to set up its work phone, signed with the lease key. The image reference
 * inside is a separate token signed with the image key, so it can be checked on its own by
 * whatever later fetches the image.
 */
public record ProvisioningBundle(
        String deviceId,
        Instant issuedAt,
        String user,
        String group,
        String imageToken,
        long policyVersion,
        PolicySettings policy,
        List<AppAssignment> apps) {
    public ProvisioningBundle {
        apps = apps == null ? List.of() : List.copyOf(apps);
    }
}
