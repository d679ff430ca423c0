package org.workcell.display;

/** Range checks shared by the message records. */
final class Ranges {
    private Ranges() {
    }

    static void dimension(int value, String field) {
        if (value < 1 || value > DisplayProtocol.MAX_DIMENSION) {
            throw new IllegalArgumentException(field + " must be in 1.." + DisplayProtocol.MAX_DIMENSION + ", was " + value);
        }
    }

    static void coordinate(int value, String field) {
        if (value < 0 || value >= DisplayProtocol.MAX_DIMENSION) {
            throw new IllegalArgumentException(field + " must be in 0.." + (DisplayProtocol.MAX_DIMENSION - 1) + ", was " + value);
        }
    }

    static void dpi(int value, String field) {
        if (value < 1 || value > DisplayProtocol.MAX_DENSITY_DPI) {
            throw new IllegalArgumentException(field + " must be in 1.." + DisplayProtocol.MAX_DENSITY_DPI + ", was " + value);
        }
    }

    static void u32(long value, String field) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(field + " must be in 0..4294967295, was " + value);
        }
    }

    static void notNull(Object value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is null");
        }
    }
}
