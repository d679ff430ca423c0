package org.workcell.image;

import java.io.IOException;
import java.util.Optional;

/**
 * A zip (or an image tree being exported) that Workcell refuses: the message names the entry, when
 * there is one, and what was wrong with it. Plain {@link IOException}s from the same calls are
 * trouble with the machine (disk full, no permission), not with the archive.
 */
public class ImageZipException extends IOException {
    private static final long serialVersionUID = 1L;
    private static final int SHOWN_NAME_CHARS = 200;

    private final String entry;

    /** A fault of the whole archive (no end record, overlapping entries, too many entries). */
    public ImageZipException(String message) {
        super(message);
        this.entry = null;
    }

    /** A fault of one entry; {@code entry} is its name as found, shown escaped in the message. */
    public ImageZipException(String entry, String message) {
        super("entry \"" + printable(entry) + "\": " + message);
        this.entry = entry;
    }

    /** The name of the offending entry as it appeared in the archive, if the fault belongs to one. */
    public Optional<String> entry() {
        return Optional.ofNullable(entry);
    }

    /**
     * Control and other invisible characters escaped, long names cut: the name comes from an
     * untrusted archive and ends up on a terminal or in a log, where raw escape sequences could
     * hide or forge what the user reads.
     */
    static String printable(String name) {
        StringBuilder out = new StringBuilder();
        int[] points = name.codePoints().toArray();
        for (int i = 0; i < points.length; i++) {
            if (i == SHOWN_NAME_CHARS) {
                out.append("...(").append(points.length).append(" characters)");
                break;
            }
            int c = points[i];
            int type = Character.getType(c);
            if (c == '"' || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.UNASSIGNED || type == Character.PRIVATE_USE) {
                out.append(c > 0xffff ? String.format("\\U%08x", c) : String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        }
        return out.toString();
    }
}
