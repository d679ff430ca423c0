package org.workcell.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.workcell.core.json.Json;

/**
 * The image tree's {@code phone.json}: what the manifest says about the phone. Its shape, with
 * every field required and no others allowed:
 *
 * <pre>
 * {
 *   "display": {"width": 1080, "height": 2400, "density": 420},
 *   "osBuild": "workcell-phone 0.1.0 (42)",
 *   "defaultApps": ["org.workcell.mail", "org.workcell.contacts"]
 * }
 * </pre>
 *
 * Width and height are pixels (1 to 16384), density dots per inch (1 to 2000); osBuild is 1 to
 * 200 characters without control characters; defaultApps are distinct package ids in the catalog's
 * form (reverse-DNS, 2 to 8 lower-case segments, at most 128 characters), at most 256 of them.
 */
public record PhoneSpec(ImageManifest.Display display, String osBuild, List<String> defaultApps) {
    public static final String FILE_NAME = "phone.json";
    static final int MAX_BYTES = 64 * 1024;
    static final int MAX_APPS = 256;
    private static final Pattern PACKAGE_ID = Pattern.compile("[a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*){1,7}");

    /** Reads and checks {@code root/phone.json}; every problem is an IOException naming the file. */
    public static PhoneSpec read(Path root) throws IOException {
        Path file = root.resolve(FILE_NAME);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new IOException(file + " is missing: an image tree has a phone.json at its root giving display, osBuild and defaultApps");
        }
        if (bytes.length > MAX_BYTES) {
            throw new IOException(file + " is larger than " + MAX_BYTES + " bytes");
        }
        try {
            return parse(bytes);
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses and checks the JSON; problems are IOExceptions saying which field is wrong. */
    public static PhoneSpec parse(byte[] json) throws IOException {
        PhoneSpec spec;
        try {
            spec = Json.read(json, PhoneSpec.class);
        } catch (IOException e) {
            throw new IOException("not valid phone.json: " + firstLine(e.getMessage()), e);
        }
        if (spec == null) {
            throw new IOException("not valid phone.json: it is null, not an object");
        }
        spec.check();
        return spec;
    }

    private void check() throws IOException {
        if (display == null) {
            throw new IOException("\"display\" is missing: give {\"width\", \"height\", \"density\"}");
        }
        checkRange("display.width", display.width(), 1, 16384);
        checkRange("display.height", display.height(), 1, 16384);
        checkRange("display.density", display.density(), 1, 2000);
        if (osBuild == null || osBuild.isBlank() || osBuild.length() > 200 || osBuild.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IOException("\"osBuild\" must be 1 to 200 characters without control characters");
        }
        if (defaultApps == null) {
            throw new IOException("\"defaultApps\" is missing: give a list of package ids, [] for none");
        }
        if (defaultApps.size() > MAX_APPS) {
            throw new IOException("\"defaultApps\" lists more than " + MAX_APPS + " apps");
        }
        Set<String> seen = new HashSet<>();
        for (String app : defaultApps) {
            if (app == null || app.length() > 128 || !PACKAGE_ID.matcher(app).matches()) {
                throw new IOException("\"defaultApps\" entry " + (app == null ? "null" : "'" + app + "'")
                        + " is not a package id such as com.example.notes");
            }
            if (!seen.add(app)) {
                throw new IOException("\"defaultApps\" lists " + app + " twice");
            }
        }
    }

    private static void checkRange(String field, int value, int min, int max) throws IOException {
        if (value < min || value > max) {
            throw new IOException("\"" + field + "\" must be " + min + " to " + max + ", not " + value);
        }
    }

    private static String firstLine(String message) {
        String m = String.valueOf(message);
        int newline = m.indexOf('\n');
        return newline < 0 ? m : m.substring(0, newline);
    }
}
