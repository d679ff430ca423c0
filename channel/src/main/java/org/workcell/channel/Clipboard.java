package org.workcell.channel;

import org.workcell.channel.internal.Checks;

/**
 * Phone to host: the user copied text. The host decides by policy whether it leaves the work phone.
 * Bounded by {@link ChannelLimits#maxJsonChars()}; line breaks and tabs are allowed.
 */
public record Clipboard(String text) implements Message {
    public Clipboard {
        Checks.notNull(text, "Clipboard.text");
    }
}
