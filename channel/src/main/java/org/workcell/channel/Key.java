package org.workcell.channel;

import org.workcell.channel.internal.Checks;

/**
 * Host to phone: a key press or release. {@code code} is a named key from {@link Keys} or the Unicode
 * code point of a character key (for shortcuts such as Ctrl+C; typed text comes as {@link Text});
 * {@code modifiers} is a combination of the {@link Keys} modifier bits.
 */
public record Key(KeyAction action, int code, int modifiers) implements Message {
    /** Wire values are the ordinals: append only. */
    public enum KeyAction {
        DOWN, UP
    }

    public Key {
        Checks.notNull(action, "Key.action");
        if (!Keys.isValid(code)) {
            throw new IllegalArgumentException("Key.code " + code + " is neither a named key nor a printable character");
        }
        if ((modifiers & ~Keys.ALL_MODIFIERS) != 0) {
            throw new IllegalArgumentException("Key.modifiers has unknown bits: 0x" + Integer.toHexString(modifiers));
        }
    }
}
