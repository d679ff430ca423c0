package org.workcell.image.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.workcell.image.ImageZipException;

/**
 * A zip entry name that is safe to create under a folder: relative, '/'-separated, no {@code .}
 * or {@code ..} or empty segments, no backslashes or control characters, no more levels than
 * allowed. The same rules apply when exporting, so an exported zip always imports.
 *
 * @param name      the name as in the archive (a folder's ends with '/')
 * @param segments  its path segments, none empty
 * @param directory whether the name ends with '/'
 */
public record EntryName(String name, List<String> segments, boolean directory) {
    /** Linux's PATH_MAX; longer names cannot be created on the platforms phones run on anyway. */
    public static final int MAX_NAME_BYTES = 4096;
    /** NAME_MAX of ext4, APFS, NTFS (in UTF-16 units there, but close enough to refuse early). */
    public static final int MAX_SEGMENT_BYTES = 255;

    public EntryName {
        segments = List.copyOf(segments);
    }

    /** The name without its folder slash: the key under which duplicates are found. */
    public String path() {
        return String.join("/", segments);
    }

    /**
     * Decodes a raw name as UTF-8. Zip's other encoding (CP437 when the UTF-8 flag is clear) is not
     * honoured: Java, Info-ZIP and every current tool write UTF-8, and reading one name two ways is
     * how two tools come to extract different files from the same archive.
     */
    public static String decode(byte[] raw) throws ImageZipException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(raw));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new ImageZipException(new String(raw, StandardCharsets.UTF_8), "name is not valid UTF-8");
        }
    }

    /** Checks {@code name} against every rule; the first rule broken is the message. */
    public static EntryName parse(String name, int maxDepth) throws ImageZipException {
        if (name.isEmpty()) {
            throw new ImageZipException(name, "name is empty");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new ImageZipException(name, "name is longer than " + MAX_NAME_BYTES + " bytes");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == 0) {
                throw new ImageZipException(name, "name holds a NUL character, which would cut it short on disk");
            }
            if (Character.isISOControl(c)) {
                throw new ImageZipException(name, String.format("name holds the control character U+%04X", (int) c));
            }
        }
        if (name.charAt(0) == '/' || name.charAt(0) == '\\') {
            throw new ImageZipException(name, "name is an absolute path; entries must be relative to the target folder");
        }
        if (name.length() >= 2 && name.charAt(1) == ':' && (name.charAt(0) | 0x20) >= 'a' && (name.charAt(0) | 0x20) <= 'z') {
            throw new ImageZipException(name, "name starts with a Windows drive letter; entries must be relative to the target folder");
        }
        if (name.indexOf('\\') >= 0) {
            throw new ImageZipException(name, "name holds a backslash; zip names separate folders with '/', and on Windows a backslash would too");
        }
        boolean directory = name.endsWith("/");
        String body = directory ? name.substring(0, name.length() - 1) : name;
        List<String> segments = new ArrayList<>();
        int start = 0;
        while (true) {
            int slash = body.indexOf('/', start);
            String segment = slash < 0 ? body.substring(start) : body.substring(start, slash);
            if (segment.isEmpty()) {
                throw new ImageZipException(name, "name has an empty path segment (\"//\")");
            }
            if (segment.equals(".")) {
                throw new ImageZipException(name, "name has a \".\" segment");
            }
            if (segment.equals("..")) {
                throw new ImageZipException(name, "name has a \"..\" segment, which would climb out of the target folder");
            }
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                throw new ImageZipException(name, "a segment of the name is longer than " + MAX_SEGMENT_BYTES + " bytes");
            }
            segments.add(segment);
            if (segments.size() > maxDepth) {
                throw new ImageZipException(name, "name is more than " + maxDepth + " levels deep (the limit)");
            }
            if (slash < 0) {
                break;
            }
            start = slash + 1;
        }
        return new EntryName(name, segments, directory);
    }

    /**
     * Where this entry goes under {@code root}. The name rules already keep it inside; this checks
     * again on the platform's own terms (its separators, its idea of absolute and of normal form),
     * so that a rule this class does not know about cannot let a name out.
     */
    public Path resolveUnder(Path root) throws ImageZipException {
        try {
            Path path = root;
            for (String segment : segments) {
                Path part = root.getFileSystem().getPath(segment);
                if (part.isAbsolute() || part.getNameCount() != 1 || part.getRoot() != null) {
                    throw new ImageZipException(name, "a segment of the name is not a plain file name on this system");
                }
                path = path.resolve(part);
            }
            if (!path.normalize().equals(path) || !path.startsWith(root) || path.getNameCount() != root.getNameCount() + segments.size()) {
                throw new ImageZipException(name, "name does not stay inside the target folder");
            }
            return path;
        } catch (InvalidPathException e) {
            throw new ImageZipException(name, "name is not a valid path on this system (" + e.getReason() + ")");
        }
    }
}
