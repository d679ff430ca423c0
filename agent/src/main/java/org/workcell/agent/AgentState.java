package org.workcell.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.workcell.core.protocol.ServerKeys;

/**
 * What the agent keeps between runs in its home folder. The signed lease and bundle are kept as
 * received, so they can be checked again against the pinned keys on every load.
 *
 * @param lastSequence   the highest request sequence number used; never reused
 * @param leaseToken     the newest lease, as signed by the server
 * @param bundleToken    the provisioning bundle, as signed by the server
 * @param activated      whether the server has confirmed the phone initialised
 * @param imageManifest  the signed manifest of the image installed, as received
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentState(
        String serverUrl,
        String deviceId,
        String user,
        String group,
        ServerKeys serverKeys,
        long lastSequence,
        String leaseToken,
        String bundleToken,
        boolean activated,
        Instant lastCheckinAt,
        String lastError,
        String imageManifest) {

    public AgentState withSequence(long sequence) {
        return new AgentState(serverUrl, deviceId, user, group, serverKeys, sequence, leaseToken, bundleToken, activated, lastCheckinAt, lastError, imageManifest);
    }

    public AgentState withLease(String token, Instant at) {
        return new AgentState(serverUrl, deviceId, user, group, serverKeys, lastSequence, token, bundleToken, activated, at, null, imageManifest);
    }

    public AgentState withBundle(String token) {
        return new AgentState(serverUrl, deviceId, user, group, serverKeys, lastSequence, leaseToken, token, activated, lastCheckinAt, null, imageManifest);
    }

    public AgentState withActivated() {
        return new AgentState(serverUrl, deviceId, user, group, serverKeys, lastSequence, leaseToken, bundleToken, true, lastCheckinAt, null, imageManifest);
    }

    public AgentState withImage(String manifest) {
        return new AgentState(serverUrl, deviceId, user, group, serverKeys, lastSequence, leaseToken, bundleToken, activated, lastCheckinAt, null, manifest);
    }

    public AgentState withError(String error) {
        return new AgentState(serverUrl, deviceId, user, group, serverKeys, lastSequence, leaseToken, bundleToken, activated, lastCheckinAt, error, imageManifest);
    }
}
