package org.workcell.phone.apps.common;

import java.util.Locale;

/** Byte counts as people read them, the same in every built-in app. */
public final class Sizes {
    private Sizes() {}

    /** 500 B, 2 KB, 3.0 MB. */
    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.0f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
