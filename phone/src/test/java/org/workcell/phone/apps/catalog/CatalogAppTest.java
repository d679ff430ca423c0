package org.workcell.phone.apps.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workcell.phone.apps.common.Sizes;
import org.workcell.phone.apps.testkit.TestPhone;
import org.workcell.sdk.app.App;
import org.workcell.sdk.ui.Label;

class CatalogAppTest {
    private static final String APP = "org.workcell.catalog";
    private static final String HELLO = "com.example.hello";

    @TempDir
    Path dir;

    /** A real app package: a tiny App subclass compiled against the SDK, and its manifest, in a jar. */
    static byte[] helloPackage(Path work, String version, String greeting) throws Exception {
        Path src = Files.createDirectories(work.resolve("src-" + version).resolve("com/example/hello"));
        Files.writeString(src.resolve("HelloApp.java"), """
                package com.example.hello;

                import org.workcell.sdk.app.*;
                import org.workcell.sdk.ui.*;

                public class HelloApp extends App {
                    @Override
                    public void onCreate(AppContext context, Bundle saved) {
                        context.setRoot(new Screen("Hello", new Label("%s").description("greeting")));
                    }
                }
                """.formatted(greeting));
        Path classes = Files.createDirectories(work.resolve("classes-" + version));
        String sdk = Path.of(App.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, null, errors, "--release", "21", "-cp", sdk, "-d", classes.toString(), src.resolve("HelloApp.java").toString());
        assertThat(rc).as(errors.toString()).isZero();
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(jar)) {
            out.putNextEntry(new JarEntry("workcell-app.properties"));
            out.write(("""
                    id = %s
                    name = Hello
                    version = %s
                    main = com.example.hello.HelloApp
                    icon = APP
                    permissions = notifications
                    description = Says hello.
                    """.formatted(HELLO, version)).getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new JarEntry("com/example/hello/HelloApp.class"));
            out.write(Files.readAllBytes(classes.resolve("com/example/hello/HelloApp.class")));
        }
        return jar.toByteArray();
    }

    private TestPhone phoneOffering(byte[]... packages) throws IOException {
        Path catalog = Files.createDirectories(dir.resolve("image").resolve("catalog"));
        for (int i = 0; i < packages.length; i++) {
            Files.write(catalog.resolve("app" + i + ".wcapp"), packages[i]);
        }
        return new TestPhone(dir);
    }

    private String status(TestPhone t) {
        return t.all(v -> v.description() != null && v.description().startsWith("status: ")).getFirst().description();
    }

    private boolean onHome(TestPhone t) {
        return !t.all(v -> HELLO.equals(v.id())).isEmpty();
    }

    @Test
    void installOpenAndRemoveARealPackage() throws Exception {
        TestPhone t = phoneOffering(helloPackage(dir.resolve("build"), "1.0.0", "Hello from a catalog app"));
        t.open(APP);
        t.await("offer Hello");
        assertThat(t.showsText("Version 1.0.0")).isTrue();
        assertThat(t.showsText("Not installed")).isTrue();
        assertThat(t.showsText("Says hello.")).isTrue();

        t.tap("offer Hello");
        assertThat(status(t)).isEqualTo("status: Not installed");
        assertThat(t.showsText("Show notifications")).isTrue();
        t.tap("Install");
        t.until("installed", () -> t.shows("status: Installed"));
        Path installed = t.data.resolve("apps").resolve(HELLO + ".wcapp");
        assertThat(installed).exists();

        // On the home screen; it opens.
        t.phone.home();
        t.settle();
        t.until("home tile", () -> onHome(t));
        t.tap(t.all(v -> HELLO.equals(v.id())).getFirst());
        assertThat(((Label) t.await("greeting")).text()).isEqualTo("Hello from a catalog app");
        assertThat(t.phone.running().getFirst()).isEqualTo(HELLO);

        // Back in the catalog: remove asks first.
        t.open(APP);
        t.tap("Remove");
        t.await("dialog Remove Hello?");
        t.tap("Cancel");
        assertThat(installed).exists();
        t.tap("Remove");
        t.tap(t.all("Remove").getLast());
        t.until("removed", () -> t.shows("status: Not installed"));
        assertThat(installed).doesNotExist();
        assertThat(t.phone.running()).doesNotContain(HELLO);
        t.phone.home();
        t.settle();
        assertThat(onHome(t)).isFalse();
    }

    @Test
    void aNewerVersionInTheCatalogIsAnUpdate() throws Exception {
        TestPhone t = phoneOffering(helloPackage(dir.resolve("build"), "2.0.0", "Hello, version two"));
        t.phone.apps().install(helloPackage(dir.resolve("build"), "1.9.0", "Hello, version one"));
        t.open(APP);
        t.await("offer Hello");
        assertThat(t.showsText("Update available")).isTrue();
        t.tap("offer Hello");
        t.tap("Update");
        t.until("updated", () -> t.shows("status: Installed"));
        assertThat(t.phone.apps().registry().get(HELLO).orElseThrow().manifest().version()).isEqualTo("2.0.0");
        t.tap("Open");
        assertThat(((Label) t.await("greeting")).text()).isEqualTo("Hello, version two");
    }

    @Test
    void anEmptyCatalogSaysSo() throws Exception {
        TestPhone t = new TestPhone(dir);
        t.open(APP);
        t.await("empty: Your company offers no extra apps yet.");
    }

    @Test
    void aBrokenDownloadShowsTheError() throws Exception {
        TestPhone t = phoneOffering(helloPackage(dir.resolve("build"), "1.0.0", "Hi"));
        t.open(APP);
        t.tap("offer Hello");
        // The package disappears from the image between listing and installing.
        try (var files = Files.list(dir.resolve("image").resolve("catalog"))) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        t.tap("Install");
        assertThat(((Label) t.await("error")).text()).startsWith("Hello could not be downloaded").contains("offers no app");
        assertThat(t.phone.apps().registry().get(HELLO)).isEmpty();
    }

    @Test
    void versionsCompareNumerically() {
        assertThat(CatalogApp.compareVersions("1.10", "1.9")).isPositive();
        assertThat(CatalogApp.compareVersions("1.0", "1.0.0")).isZero();
        assertThat(CatalogApp.compareVersions("2.0.0", "10.0")).isNegative();
        assertThat(List.of(Sizes.human(500), Sizes.human(2048), Sizes.human(3 << 20))).containsExactly("500 B", "2 KB", "3.0 MB");
    }
}
