package org.workcell.core.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Every request a device makes after enrolment, signed by its device key (JWS {@code kid} is the
 * device id). The sequence number only ever grows, so a request is accepted at most once; the
 * timestamp bounds how long a captured request could be held back; the purpose binds it to one
 * endpoint.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceRequest(String deviceId, long sequence, Instant sentAt, Purpose purpose, JsonNode body) {
    public enum Purpose { CHECKIN, PROVISION, ACTIVATE, EVENTS, APP_REQUEST, APP_DOWNLOAD, IMAGE }
}
