package org.workcell.phone;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumSet;
import java.util.Set;
import org.workcell.core.json.Json;
import org.workcell.sdk.app.Permission;

/**
 * What the host has told the phone about its management: the policy in force and the lease and
 * network status. Values the phone does not understand are ignored; missing ones keep safe
 * defaults (no clipboard out, every permission an app declares).
 *
 * @param policyVersion   the group policy's version, 0 before any arrived
 * @param clipboardOut    whether text copied in the phone may leave it
 * @param watermark       text drawn faintly over the whole screen, or null
 * @param permissions     what apps may be granted at most
 * @param leaseState      active, renew-due, offline, disabled or unknown
 * @param online          whether the host reaches its server
 * @param user            the phone's user, as the host named them
 */
public record PhoneState(long policyVersion, boolean clipboardOut, String watermark, Set<Permission> permissions, String leaseState, boolean online, String user) {
    public static final PhoneState INITIAL = new PhoneState(0, false, null, EnumSet.allOf(Permission.class), "unknown", false, "");

    public PhoneState {
        permissions = Set.copyOf(permissions);
    }

    /** This state with the policy from the host's Policy message applied. */
    public PhoneState withPolicy(String json) throws java.io.IOException {
        JsonNode n = Json.MAPPER.readTree(json);
        if (n == null || !n.isObject()) {
            throw new java.io.IOException("a policy is a JSON object");
        }
        Set<Permission> allowed = EnumSet.allOf(Permission.class);
        JsonNode p = n.get("appPermissions");
        if (p != null && p.isArray()) {
            allowed = EnumSet.noneOf(Permission.class);
            for (JsonNode k : p) {
                Permission.ofKey(k.asText()).ifPresent(allowed::add);
            }
        }
        JsonNode wm = n.get("watermark");
        return new PhoneState(n.path("version").asLong(policyVersion), n.path("clipboardOut").asBoolean(false),
                wm == null || wm.isNull() || wm.asText().isBlank() ? null : wm.asText(), allowed, leaseState, online, user);
    }

    /** This state with the host's Status message applied. */
    public PhoneState withStatus(String json) throws java.io.IOException {
        JsonNode n = Json.MAPPER.readTree(json);
        if (n == null || !n.isObject()) {
            throw new java.io.IOException("a status is a JSON object");
        }
        return new PhoneState(policyVersion, clipboardOut, watermark, permissions, n.path("lease").asText(leaseState),
                n.path("online").asBoolean(online), user);
    }

    public PhoneState withUser(String user) {
        return new PhoneState(policyVersion, clipboardOut, watermark, permissions, leaseState, online, user);
    }
}
