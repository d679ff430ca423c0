package org.workcell.channel;

import org.workcell.channel.internal.Checks;

/**
 * Host to phone: text committed by a keyboard or IME. No control characters at all (Enter, Tab and
 * Backspace are {@link Key}s); at most {@link ChannelLimits#maxTextChars()} chars.
 */
public record Text(String text) implements Message {
    public Text {
        Checks.noControlChars(text, "Text.text");
    }
}
