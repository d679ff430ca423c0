package org.workcell.server.internal.provisioning;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.workcell.core.problem.ProblemException;
import org.workcell.core.protocol.DeviceRequest;
import org.workcell.core.protocol.ImageRef;
import org.workcell.core.protocol.ProvisioningBundle;
import org.workcell.core.protocol.TokenTypes;
import org.workcell.server.internal.audit.AuditLog;
import org.workcell.server.internal.catalog.CatalogService;
import org.workcell.server.internal.db.Rows;
import org.workcell.server.internal.device.DeviceAuthenticator;
import org.workcell.server.internal.device.DeviceService;
import org.workcell.server.internal.device.DeviceState;
import org.workcell.server.internal.device.DeviceView;
import org.workcell.server.internal.group.GroupService;
import org.workcell.server.internal.http.Actor;
import org.workcell.server.internal.keys.ServerKeyring;

/**
 * The provisioning service: hands an enrolled device its group's image reference (signed with
 * the image key), the group's policy and the user's à-la-carte apps, all in one bundle signed
 * with the lease key; and marks the device activated once it reports its phone initialised.
 */
public final class ProvisioningService {
    private final Jdbi jdbi;
    private final Clock clock;
    private final AuditLog audit;
    private final DeviceAuthenticator authenticator;
    private final ServerKeyring keys;
    private final CatalogService catalog;

    public ProvisioningService(Jdbi jdbi, Clock clock, AuditLog audit, DeviceAuthenticator authenticator,
                               ServerKeyring keys, CatalogService catalog) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.audit = audit;
        this.authenticator = authenticator;
        this.keys = keys;
        this.catalog = catalog;
    }

    public String provision(String token, String address) {
        DeviceRequest request = authenticator.verify(token, DeviceRequest.Purpose.PROVISION);
        UUID deviceId = UUID.fromString(request.deviceId());
        ProvisioningBundle bundle = jdbi.inTransaction(h -> {
            DeviceAuthenticator.consumeSequence(h, deviceId, request.sequence());
            DeviceView before = DeviceService.get(h, deviceId);
            DeviceState state = DeviceState.parse(before.state());
            if (state == DeviceState.DISABLED || state.isTerminal()) {
                throw ProblemException.conflict("this device is " + state.wireName() + " and cannot be provisioned");
            }
            Instant now = clock.instant();
            record Row(UUID userId, String groupName, String imageName, String imageVersion, long policyVersion, String settings) {}
            Row row = h.createQuery("""
                            SELECT u.id AS user_id, g.name AS group_name, g.image_name, g.image_version, g.policy_version, p.settings
                            FROM devices d JOIN users u ON u.id = d.user_id JOIN business_groups g ON g.id = u.group_id
                            JOIN group_policies p ON p.group_id = g.id AND p.version = g.policy_version
                            WHERE d.id = ?""")
                    .bind(0, deviceId)
                    .map((rs, ctx) -> new Row(Rows.uuid(rs, "user_id"), rs.getString("group_name"), rs.getString("image_name"),
                            rs.getString("image_version"), rs.getLong("policy_version"), rs.getString("settings")))
                    .one();
            String imageToken = keys.signImage(TokenTypes.IMAGE_REF, new ImageRef(row.imageName(), row.imageVersion(), row.groupName(), now));
            ProvisioningBundle result = new ProvisioningBundle(deviceId.toString(), now, before.user(), row.groupName(), imageToken,
                    row.policyVersion(), GroupService.readSettings(row.settings()), catalog.assignedApps(h, row.userId()));
            if (state == DeviceState.ENROLLED) {
                h.createUpdate("UPDATE devices SET state = 'provisioned', provisioned_at = ?, updated_at = ? WHERE id = ?")
                        .bind(0, now).bind(1, now).bind(2, deviceId).execute();
                audit.record(h, device(deviceId, address), "device.provision", "device", deviceId.toString(), before,
                        DeviceService.get(h, deviceId));
            }
            return result;
        });
        return keys.signLease(TokenTypes.PROVISIONING, bundle);
    }

    /** The device reports its phone initialised: provisioned becomes activated. */
    public DeviceView activate(String token, String address) {
        DeviceRequest request = authenticator.verify(token, DeviceRequest.Purpose.ACTIVATE);
        UUID deviceId = UUID.fromString(request.deviceId());
        return jdbi.inTransaction(h -> {
            DeviceAuthenticator.consumeSequence(h, deviceId, request.sequence());
            DeviceView before = DeviceService.get(h, deviceId);
            DeviceState state = DeviceState.parse(before.state());
            if (state == DeviceState.ACTIVATED) {
                return before;
            }
            if (state != DeviceState.PROVISIONED) {
                throw ProblemException.conflict("only a provisioned device can be activated; this one is " + state.wireName());
            }
            Instant now = clock.instant();
            h.createUpdate("UPDATE devices SET state = 'activated', activated_at = ?, updated_at = ? WHERE id = ?")
                    .bind(0, now).bind(1, now).bind(2, deviceId).execute();
            DeviceView after = DeviceService.get(h, deviceId);
            audit.record(h, device(deviceId, address), "device.activate", "device", deviceId.toString(), before, after);
            return after;
        });
    }

    private static Actor device(UUID id, String address) {
        return new Actor(Actor.Type.DEVICE, id.toString(), address);
    }


}
