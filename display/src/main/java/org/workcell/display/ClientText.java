package org.workcell.display;

import org.workcell.channel.Text;

/**
 * Text the browser's keyboard or IME committed: not empty, no control characters (Enter and the
 * like are {@link ClientKey}s), at most {@link DisplayProtocol#MAX_TEXT_CHARS} characters, and it
 * must fit one client message.
 */
public record ClientText(String text) implements ClientMessage {
    /** A TEXT message is the type byte, a u16 length and the UTF-8. */
    public static final int MAX_UTF8_BYTES = DisplayProtocol.MAX_CLIENT_MESSAGE_BYTES - 3;

    public ClientText {
        Ranges.notNull(text, "TEXT text");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("TEXT is empty");
        }
        if (text.length() > DisplayProtocol.MAX_TEXT_CHARS) {
            throw new IllegalArgumentException("TEXT has " + text.length() + " chars, more than " + DisplayProtocol.MAX_TEXT_CHARS);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException("TEXT contains control character U+" + String.format("%04X", (int) c) + " at index " + i);
            }
            if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1)))) {
                throw new IllegalArgumentException("TEXT has an unpaired surrogate at index " + i);
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
    }

    public Text toChannel() {
        return new Text(text);
    }
}
