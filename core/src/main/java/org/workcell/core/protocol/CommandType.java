package org.workcell.core.protocol;

import java.util.Locale;

/** Remote commands an admin can send a device; they reach it inside its next lease. */
public enum CommandType {
    LOCK, DISABLE, ENABLE, WIPE, RETIRE, CHECKIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CommandType parse(String text) {
        for (CommandType type : values()) {
            if (type.wireName().equals(text)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown command '" + text + "'; expected lock, disable, enable, wipe, retire or checkin");
    }
}
