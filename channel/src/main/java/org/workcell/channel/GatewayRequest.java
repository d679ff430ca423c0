package org.workcell.channel;

import java.util.Arrays;
import org.workcell.channel.internal.Checks;

/**
 * Phone to host: an opaque gateway request (signed by the phone's container key) for the host to
 * relay; answered by a {@link GatewayResponse} with the same id. The record keeps {@code body}
 * without copying (bodies can be large); don't change it after constructing. {@code equals}
 * compares contents.
 */
public record GatewayRequest(long id, byte[] body) implements Message {
    public GatewayRequest {
        Checks.nonNegative(id, "GatewayRequest.id");
        Checks.notNull(body, "GatewayRequest.body");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GatewayRequest g && g.id == id && Arrays.equals(g.body, body);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id) * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "GatewayRequest[id=" + id + ", body=" + body.length + " bytes]";
    }
}
