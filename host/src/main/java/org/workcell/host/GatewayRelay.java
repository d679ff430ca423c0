package org.workcell.host;

import org.workcell.channel.GatewayRequest;
import org.workcell.channel.GatewayResponse;

/**
 * Carries a phone's gateway requests to the gateway (outside the phone, which has no network) and
 * brings back the answer. Called on a virtual thread per request; may block.
 */
public interface GatewayRelay {
    GatewayResponse relay(String phoneId, String user, GatewayRequest request);

    /** No gateway here: every request is answered 503. */
    GatewayRelay NONE = (phoneId, user, request) -> new GatewayResponse(request.id(), 503,
            "{\"detail\":\"this host has no gateway\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
}
