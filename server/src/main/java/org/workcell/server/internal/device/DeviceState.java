package org.workcell.server.internal.device;

import java.util.Locale;

/**
 * A device's lifecycle: enrolled, then provisioned (it has image, policy and apps), then
 * activated (its phone is initialised). An admin can disable and enable it; wiped and retired
 * are terminal, and such a device is told to wipe whenever it checks in.
 */
public enum DeviceState {
    ENROLLED, PROVISIONED, ACTIVATED, DISABLED, WIPED, RETIRED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeviceState parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    public boolean isTerminal() {
        return this == WIPED || this == RETIRED;
    }
}
