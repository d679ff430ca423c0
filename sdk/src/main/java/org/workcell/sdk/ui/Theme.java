package org.workcell.sdk.ui;

/**
 * The phone's colours and type scale. One theme for the whole phone, so that catalog apps look
 * like the built-in ones. Colours are 0xRRGGBB; text sizes are in density-independent pixels.
 */
public record Theme(
        int background,
        int surface,
        int surfaceVariant,
        int primary,
        int onPrimary,
        int text,
        int secondaryText,
        int divider,
        int error,
        int ripple,
        float titleSize,
        float bodySize,
        float captionSize) {

    /** The work phone's light theme: calm blue accents on near-white surfaces. */
    public static final Theme LIGHT = new Theme(
            0xF4F6FA, 0xFFFFFF, 0xE8ECF3, 0x1F5FBF, 0xFFFFFF, 0x1A1C20, 0x5D6470, 0xDADFE8, 0xC62828, 0xD8E2F2,
            20f, 16f, 13f);

    /** Mixes {@code a} towards {@code b} by {@code t} (0 is a, 1 is b). */
    public static int blend(int a, int b, float t) {
        float u = Math.max(0f, Math.min(1f, t));
        int r = Math.round(((a >> 16) & 0xFF) * (1 - u) + ((b >> 16) & 0xFF) * u);
        int g = Math.round(((a >> 8) & 0xFF) * (1 - u) + ((b >> 8) & 0xFF) * u);
        int bl = Math.round((a & 0xFF) * (1 - u) + (b & 0xFF) * u);
        return (r << 16) | (g << 8) | bl;
    }
}
