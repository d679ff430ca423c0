package org.workcell.channel;

import org.workcell.channel.internal.Checks;

/** Host to phone: the policy settings as JSON, opaque to the channel; at most {@link ChannelLimits#maxJsonChars()} chars. */
public record Policy(String json) implements Message {
    public Policy {
        Checks.notNull(json, "Policy.json");
    }
}
