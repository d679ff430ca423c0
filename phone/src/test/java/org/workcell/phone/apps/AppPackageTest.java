package org.workcell.phone.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packages that are not what they claim are refused before any of their code runs. */
class AppPackageTest {
    @TempDir
    Path temp;

    private Path jar(String name, String manifest) throws IOException {
        Path file = temp.resolve(name);
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out)) {
            jar.putNextEntry(new JarEntry("readme.txt"));
            jar.write("hello".getBytes(StandardCharsets.UTF_8));
            if (manifest != null) {
                jar.putNextEntry(new JarEntry("workcell-app.properties"));
                jar.write(manifest.getBytes(StandardCharsets.UTF_8));
            }
        }
        return file;
    }

    @Test
    void aFileThatIsNotAJarIsRefused() throws IOException {
        Path file = Files.writeString(temp.resolve("junk.wcapp"), "not a zip at all");
        assertThatThrownBy(() -> AppPackage.open(file)).isInstanceOf(IOException.class).hasMessageContaining("not a jar");
    }

    @Test
    void aJarWithoutAnAppManifestIsRefused() throws IOException {
        Path file = jar("plain.wcapp", null);
        assertThatThrownBy(() -> AppPackage.open(file)).isInstanceOf(IOException.class).hasMessageContaining("not an app package");
    }

    @Test
    void aBadManifestIsRefusedNamingTheProblem() throws IOException {
        Path file = jar("bad.wcapp", "id = x\nname = X\nversion = 1\nmain = a.B\n");
        assertThatThrownBy(() -> AppPackage.open(file)).isInstanceOf(IOException.class).hasMessageContaining("app id");
    }

    @Test
    void anOversizedPackageIsRefusedWithoutBeingRead() throws IOException {
        Path file = temp.resolve("huge.wcapp");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(AppPackage.MAX_BYTES + 1); // sparse: nothing is written
        }
        assertThatThrownBy(() -> AppPackage.open(file)).isInstanceOf(IOException.class).hasMessageContaining("at most");
    }

    @Test
    void aMainClassThatIsMissingStopsOnlyThatApp() throws IOException {
        Path file = jar("ghost.wcapp", "id = com.example.ghost\nname = Ghost\nversion = 1.0\nmain = com.example.ghost.Missing\n");
        try (AppPackage pkg = AppPackage.open(file)) {
            assertThat(pkg.manifest().id()).isEqualTo("com.example.ghost");
            assertThatThrownBy(pkg::instantiate).isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot start");
        }
    }

    @Test
    void aRefusedInstallLeavesNothingInstalled() throws IOException {
        Path data = temp.resolve("data");
        AppRegistry registry = AppRegistry.load(new org.workcell.phone.PhoneConfig(temp.resolve("image"), data, "t", 720, 1560, 320,
                java.time.Clock.systemUTC()), null);
        int before = registry.all().size();
        byte[] notAnApp = Files.readAllBytes(jar("plain.wcapp", null));
        assertThatThrownBy(() -> registry.install(notAnApp)).isInstanceOf(IOException.class);
        assertThat(registry.all()).hasSize(before);
        try (var left = Files.list(data.resolve("apps"))) {
            assertThat(left).as("no package and no temporary file left behind").isEmpty();
        }
    }
}
