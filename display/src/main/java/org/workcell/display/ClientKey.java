package org.workcell.display;

import org.workcell.channel.Key;
import org.workcell.channel.Keys;

/** A key press or release: {@code code} and {@code modifiers} as the phone channel's {@link Key}. */
public record ClientKey(Key.KeyAction action, int code, int modifiers) implements ClientMessage {
    public ClientKey {
        Ranges.notNull(action, "KEY action");
        if (!Keys.isValid(code)) {
            throw new IllegalArgumentException("KEY code " + code + " is neither a named key nor a printable character");
        }
        if ((modifiers & ~Keys.ALL_MODIFIERS) != 0) {
            throw new IllegalArgumentException("KEY modifiers has unknown bits: 0x" + Integer.toHexString(modifiers));
        }
    }

    public Key toChannel() {
        return new Key(action, code, modifiers);
    }
}
