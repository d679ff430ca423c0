package org.workcell.host.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.workcell.phone.PhoneImage;

/**
 * A real phone image tree made from this test's class path: the phone's jars as an installation
 * would ship them, plus this module's test classes (the hostile "apps" of the attack tests). Folders
 * are opened to other users, because a root host runs each phone as its own user.
 */
public final class TestImage {
    private TestImage() {}

    public static Path write(Path out) throws IOException {
        Path jars = Files.createDirectories(out.getParent().resolve(out.getFileName() + "-jars"));
        List<Path> runtime = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            String name = p.getFileName().toString();
            if (name.startsWith("junit") || name.startsWith("assertj") || name.startsWith("jqwik") || name.startsWith("opentest4j")
                    || name.startsWith("apiguardian") || name.startsWith("surefire") || name.startsWith("byte-buddy")) {
                continue;
            }
            if (Files.isDirectory(p)) {
                Path jar = jars.resolve("classes-" + n++ + ".jar");
                jarUp(p, jar);
                runtime.add(jar);
            } else if (name.endsWith(".jar")) {
                runtime.add(p);
            }
        }
        PhoneImage.writeTree(out, new PhoneImage.Options("test-os", 360, 640, 160, PhoneImage.DEFAULT_FONTS, runtime, List.of()));
        openToOthers(out);
        return out;
    }

    /** Makes a folder and opens it and its parents (up to /tmp) to be entered by other users. */
    public static Path openFolder(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Path p = dir; p != null && !p.equals(Path.of("/tmp")) && !p.equals(p.getRoot()); p = p.getParent()) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return dir;
    }

    private static void openToOthers(Path tree) throws IOException {
        try (var paths = Files.walk(tree)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        openFolder(tree);
    }

    private static void jarUp(Path dir, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             var paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted()::iterator) {
                if (Files.isRegularFile(p)) {
                    out.putNextEntry(new JarEntry(dir.relativize(p).toString().replace('\\', '/')));
                    Files.copy(p, out);
                    out.closeEntry();
                }
            }
        }
    }
}
