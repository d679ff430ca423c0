package org.workcell.channel;

import java.util.Arrays;
import org.workcell.channel.internal.Checks;

/**
 * Host to phone: the gateway's answer to the {@link GatewayRequest} with the same id, with an
 * HTTP-style status (100..599). The record keeps {@code body} without copying; {@code equals}
 * compares contents.
 */
public record GatewayResponse(long id, int status, byte[] body) implements Message {
    public GatewayResponse {
        Checks.nonNegative(id, "GatewayResponse.id");
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("GatewayResponse.status must be in 100..599, was " + status);
        }
        Checks.notNull(body, "GatewayResponse.body");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GatewayResponse g && g.id == id && g.status == status && Arrays.equals(g.body, body);
    }

    @Override
    public int hashCode() {
        return (Long.hashCode(id) * 31 + status) * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "GatewayResponse[id=" + id + ", status=" + status + ", body=" + body.length + " bytes]";
    }
}
