package org.workcell.channel.internal;

/** Limit-independent field checks shared by the message records; they throw IllegalArgumentException. */
public final class Checks {
    /** Generous: phones are 160..640 dpi; anything past this is a bug or an attack. */
    public static final int MAX_DENSITY_DPI = 4096;

    private Checks() {
    }

    public static void notNull(Object value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is null");
        }
    }

    public static void nonNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
    }

    public static void positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    public static void densityDpi(int value, String name) {
        if (value < 1 || value > MAX_DENSITY_DPI) {
            throw new IllegalArgumentException(name + " must be in 1.." + MAX_DENSITY_DPI + ", was " + value);
        }
    }

    public static void rgb(int value, String name) {
        if ((value >>> 24) != 0) {
            throw new IllegalArgumentException(name + " must be 0xRRGGBB, was 0x" + Integer.toHexString(value));
        }
    }

    /** Rejects every character in Unicode category Cc (C0, DEL, C1), including line breaks and tabs. */
    public static void noControlChars(String value, String name) {
        notNull(value, name);
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(name + " contains control character U+"
                        + String.format("%04X", (int) value.charAt(i)) + " at index " + i);
            }
        }
    }

    /** Problem with a rect inside a {@code displayWidth x displayHeight} display, or null if it fits. */
    public static String rectProblem(int x, int y, int width, int height, int displayWidth, int displayHeight) {
        if (x < 0 || y < 0 || width < 0 || height < 0) {
            return "has a negative coordinate or size";
        }
        if ((long) x + width > displayWidth || (long) y + height > displayHeight) {
            return "lies outside the " + displayWidth + "x" + displayHeight + " display";
        }
        return null;
    }
}
