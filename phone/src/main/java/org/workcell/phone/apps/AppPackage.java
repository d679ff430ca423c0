package org.workcell.phone.apps;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.workcell.sdk.app.App;
import org.workcell.sdk.app.AppManifest;

/**
 * A catalog app package ({@code .wcapp}): a jar with {@code workcell-app.properties} at its root.
 * Each package gets its own class loader that sees the JDK and the SDK and nothing else of the
 * phone, so an app cannot link against the phone's internals or another app's classes.
 */
public final class AppPackage implements AutoCloseable {
    /** Larger packages are refused before anything in them is read. */
    public static final long MAX_BYTES = 64L << 20;

    private final Path file;
    private final AppManifest manifest;
    private URLClassLoader loader;

    private AppPackage(Path file, AppManifest manifest) {
        this.file = file;
        this.manifest = manifest;
    }

    /** Reads and checks the package's manifest; nothing of its code is loaded yet. */
    public static AppPackage open(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new IOException(file.getFileName() + " is " + size + " bytes; an app package is at most " + MAX_BYTES);
        }
        try (JarFile jar = new JarFile(file.toFile(), false)) {
            ZipEntry entry = jar.getEntry(AppManifest.FILE);
            if (entry == null) {
                throw new IOException(file.getFileName() + " has no " + AppManifest.FILE + ": not an app package");
            }
            try (InputStream in = jar.getInputStream(entry)) {
                byte[] bytes = in.readNBytes(64 * 1024 + 1);
                if (bytes.length > 64 * 1024) {
                    throw new IOException(AppManifest.FILE + " is larger than 64 KiB");
                }
                return new AppPackage(file, AppManifest.read(new java.io.ByteArrayInputStream(bytes)));
            } catch (IllegalArgumentException e) {
                throw new IOException(file.getFileName() + ": " + e.getMessage(), e);
            }
        } catch (java.util.zip.ZipException e) {
            throw new IOException(file.getFileName() + " is not a jar: " + e.getMessage(), e);
        }
    }

    public AppManifest manifest() {
        return manifest;
    }

    /** Loads the app's main class in the package's own class loader and makes an instance. */
    public synchronized App instantiate() {
        try {
            if (loader == null) {
                loader = new URLClassLoader("app:" + manifest.id(), new URL[] {file.toUri().toURL()}, new SdkOnly(App.class.getClassLoader()));
            }
            Class<?> main = Class.forName(manifest.mainClass(), true, loader);
            if (!App.class.isAssignableFrom(main)) {
                throw new IllegalStateException(manifest.mainClass() + " does not extend " + App.class.getName());
            }
            return (App) main.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | IOException | LinkageError e) {
            throw new IllegalStateException("app " + manifest.id() + " cannot start: " + e, e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (loader != null) {
            loader.close();
            loader = null;
        }
    }

    /** The parent of every app's class loader: the JDK and the SDK's packages, nothing else of the phone. */
    static final class SdkOnly extends ClassLoader {
        private final ClassLoader phone;

        SdkOnly(ClassLoader phone) {
            super("workcell-sdk", ClassLoader.getPlatformClassLoader());
            this.phone = phone;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("org.workcell.sdk.")) {
                return phone.loadClass(name);
            }
            return super.loadClass(name, resolve); // the platform loader: the JDK only
        }

        @Override
        public URL getResource(String name) {
            return name.startsWith("org/workcell/sdk/") ? phone.getResource(name) : super.getResource(name);
        }
    }
}
