package org.workcell.sdk.ui;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The phone's fonts. The runtime loads them from the image ({@code fonts/} holds the regular, bold
 * and monospace faces) so that every phone renders identically whatever the host has installed;
 * without an image (unit tests) the JDK's logical sans-serif font stands in.
 */
public final class Fonts {
    public enum Face { REGULAR, BOLD, MONO }

    private static final Map<Face, Font> BASE = new ConcurrentHashMap<>();
    private static final Map<Long, Font> SIZED = new ConcurrentHashMap<>();

    private Fonts() {}

    /** Loads the faces from an image's font folder: {@code regular.ttf}, {@code bold.ttf}, {@code mono.ttf}. */
    public static void install(Path folder) throws IOException {
        for (Face face : Face.values()) {
            Path file = folder.resolve(face.name().toLowerCase(java.util.Locale.ROOT) + ".ttf");
            if (!Files.isRegularFile(file)) {
                throw new IOException("the image has no " + file.getFileName() + " in " + folder);
            }
            try (InputStream in = Files.newInputStream(file)) {
                BASE.put(face, Font.createFont(Font.TRUETYPE_FONT, in));
            } catch (FontFormatException e) {
                throw new IOException(file + " is not a TrueType font: " + e.getMessage(), e);
            }
        }
        SIZED.clear();
    }

    /** The face at {@code pixels} pixels. */
    public static Font get(Face face, float pixels) {
        long key = ((long) face.ordinal() << 32) | Float.floatToIntBits(pixels);
        return SIZED.computeIfAbsent(key, k -> base(face).deriveFont(pixels));
    }

    private static Font base(Face face) {
        return BASE.computeIfAbsent(face, f -> switch (f) {
            case REGULAR -> new Font(Font.SANS_SERIF, Font.PLAIN, 12);
            case BOLD -> new Font(Font.SANS_SERIF, Font.BOLD, 12);
            case MONO -> new Font(Font.MONOSPACED, Font.PLAIN, 12);
        });
    }
}
