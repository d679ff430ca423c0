package org.workcell.channel;

import org.workcell.channel.internal.Checks;

/** Host to phone: lease and network status as JSON, opaque to the channel; at most {@link ChannelLimits#maxJsonChars()} chars. */
public record Status(String json) implements Message {
    public Status {
        Checks.notNull(json, "Status.json");
    }
}
