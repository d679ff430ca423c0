package org.workcell.phone;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.workcell.core.json.Json;
import org.workcell.image.ImageManifest;
import org.workcell.image.PhoneSpec;

/**
 * Lays out the standard phone image tree that {@code workcell image build} turns into an image:
 * <pre>
 * phone.json          display, OS build, default apps
 * fonts/              regular.ttf, bold.ttf, mono.ttf: the phone renders with these only
 * system/lib/         the phone runtime's jars (PhoneMain and what it needs)
 * catalog/            app packages (.wcapp) offered by the image's local catalog
 * </pre>
 */
public final class PhoneImage {
    /** Where Debian's fonts-dejavu-core puts the faces the image ships. */
    public static final Path DEFAULT_FONTS = Path.of("/usr/share/fonts/truetype/dejavu");
    private static final Map<String, String> FACES = Map.of("regular.ttf", "DejaVuSans.ttf", "bold.ttf", "DejaVuSans-Bold.ttf", "mono.ttf", "DejaVuSansMono.ttf");
    /** fontconfig's configuration inside {@code fonts/}, naming that folder; hosts point FONTCONFIG_FILE at it. */
    public static final String FONTCONFIG = "fonts.conf";
    private static final String CLASSPATH_RESOURCE = "/org/workcell/phone/runtime-classpath.txt";

    /** The built-in work apps, in home-screen order. */
    public static final List<String> DEFAULT_APPS = List.of("org.workcell.mail", "org.workcell.contacts", "org.workcell.notes",
            "org.workcell.documents", "org.workcell.catalog", "org.workcell.settings");

    public record Options(String osBuild, int width, int height, int densityDpi, Path fonts, List<Path> runtimeJars, List<Path> catalogApps) {
        public Options {
            runtimeJars = List.copyOf(runtimeJars);
            catalogApps = List.copyOf(catalogApps);
        }

        /** A 720 by 1560 phone at 320 dpi (360 by 780 dp, a common phone's size) with this installation's runtime. */
        public static Options defaults() throws IOException {
            return new Options("workcell-phone " + org.workcell.core.Version.CURRENT, 720, 1560, 320, DEFAULT_FONTS, PhoneImage.runtimeJars(), List.of());
        }
    }

    private PhoneImage() {}

    /** Writes the tree into {@code out} (made if missing; must be empty). */
    public static void writeTree(Path out, Options o) throws IOException {
        Files.createDirectories(out);
        try (var entries = Files.list(out)) {
            if (entries.findAny().isPresent()) {
                throw new IOException(out + " is not empty: choose a new folder for the image tree");
            }
        }
        PhoneSpec spec = new PhoneSpec(new ImageManifest.Display(o.width(), o.height(), o.densityDpi()), o.osBuild(), DEFAULT_APPS);
        Files.write(out.resolve(PhoneSpec.FILE_NAME), Json.write(spec));
        Path fonts = Files.createDirectories(out.resolve("fonts"));
        for (var face : FACES.entrySet()) {
            Path source = o.fonts().resolve(face.getValue());
            if (!Files.isRegularFile(source)) {
                throw new IOException("font " + source + " is missing: install Debian's fonts-dejavu-core or give --fonts");
            }
            Files.copy(source, fonts.resolve(face.getKey()));
        }
        // The JDK's font system starts only if fontconfig finds a font; in a sandbox it finds just these.
        Files.writeString(fonts.resolve(FONTCONFIG), """
                <?xml version="1.0"?>
                <!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
                <fontconfig>
                  <dir prefix="relative">.</dir>
                  <cachedir prefix="xdg">fontconfig</cachedir>
                </fontconfig>
                """, StandardCharsets.UTF_8);
        Path lib = Files.createDirectories(out.resolve("system").resolve("lib"));
        for (Path jar : o.runtimeJars()) {
            Files.copy(jar, lib.resolve(jar.getFileName().toString()), StandardCopyOption.COPY_ATTRIBUTES);
        }
        Path catalog = Files.createDirectories(out.resolve("catalog"));
        for (Path app : o.catalogApps()) {
            Files.copy(app, catalog.resolve(app.getFileName().toString()));
        }
    }

    /**
     * The jars the phone process runs from: this installation's phone jar and the jars it needs,
     * found beside it. Empty when running from build folders (tests), where the host uses its own class path.
     */
    public static List<Path> runtimeJars() throws IOException {
        Path self;
        try {
            self = Path.of(PhoneMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | SecurityException e) {
            throw new IOException("cannot tell where the phone runtime is installed", e);
        }
        if (!Files.isRegularFile(self)) {
            return List.of();
        }
        List<Path> jars = new ArrayList<>();
        jars.add(self);
        try (InputStream in = PhoneImage.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IOException("the phone jar lacks its class path list " + CLASSPATH_RESOURCE);
            }
            for (String entry : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split(java.io.File.pathSeparator)) {
                if (entry.isBlank()) {
                    continue;
                }
                String name = Path.of(entry.trim()).getFileName().toString();
                Path jar = self.resolveSibling(name);
                if (!Files.isRegularFile(jar)) {
                    // Not an installation (a build, or a Maven repository): the same jar on this JVM's class path will do.
                    jar = onClassPath(name).orElseThrow(() -> new IOException("the phone runtime needs " + name + " beside "
                            + self.getFileName() + " or on the class path; it is missing"));
                }
                jars.add(jar);
            }
        }
        return jars;
    }

    private static java.util.Optional<Path> onClassPath(String fileName) {
        for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                Path p = Path.of(entry);
                if (p.getFileName() != null && p.getFileName().toString().equals(fileName) && Files.isRegularFile(p)) {
                    return java.util.Optional.of(p);
                }
            }
        }
        return java.util.Optional.empty();
    }
}
