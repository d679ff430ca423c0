package org.workcell.phone.apps;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.workcell.phone.PhoneConfig;
import org.workcell.sdk.app.App;
import org.workcell.sdk.app.AppManifest;
import org.workcell.sdk.app.Permission;

/**
 * The apps on this phone: the built-in work apps, then the catalog apps installed in the data
 * folder ({@code apps/<id>.wcapp}). A package that fails to load is left out and logged; the
 * phone starts without it.
 */
public final class AppRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(AppRegistry.class);

    private final Map<String, AppEntry> apps = new LinkedHashMap<>();
    private final Path installed;

    private AppRegistry(Path installed) {
        this.installed = installed;
    }

    public static AppRegistry load(PhoneConfig config, org.workcell.phone.Phone phone) {
        AppRegistry registry = new AppRegistry(config.data().resolve("apps"));
        for (AppEntry e : BuiltInApps.all(phone)) {
            registry.apps.put(e.id(), e);
        }
        registry.scanInstalled();
        return registry;
    }

    static <T extends App> AppEntry builtIn(String id, String name, String icon, Class<T> type, Supplier<T> factory, Permission... permissions) {
        EnumSet<Permission> set = EnumSet.noneOf(Permission.class);
        Collections.addAll(set, permissions);
        return new AppEntry(new AppManifest(id, name, org.workcell.core.Version.CURRENT, type.getName(), icon, set, ""), true, factory::get);
    }

    private void scanInstalled() {
        if (!Files.isDirectory(installed)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(installed, "*.wcapp")) {
            for (Path file : files) {
                try {
                    AppPackage pkg = AppPackage.open(file);
                    if (apps.containsKey(pkg.manifest().id()) && apps.get(pkg.manifest().id()).builtIn()) {
                        LOG.warn("app package {} claims the id of a built-in app; ignored", file.getFileName());
                        continue;
                    }
                    apps.put(pkg.manifest().id(), new AppEntry(pkg.manifest(), false, pkg::instantiate));
                } catch (IOException | RuntimeException e) {
                    LOG.warn("app package {} cannot be loaded: {}", file.getFileName(), e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list installed apps in {}: {}", installed, e.getMessage());
        }
    }

    /** Installs a catalog app package (replacing an older version); returns its entry. */
    public AppEntry install(byte[] wcapp) throws IOException {
        Files.createDirectories(installed);
        Path temp = Files.createTempFile(installed, ".install", ".tmp");
        try {
            Files.write(temp, wcapp);
            AppPackage pkg = AppPackage.open(temp);
            AppEntry existing = apps.get(pkg.manifest().id());
            if (existing != null && existing.builtIn()) {
                throw new IOException("the package claims the id of the built-in app " + pkg.manifest().id());
            }
            pkg.close();
            Path target = installed.resolve(pkg.manifest().id() + ".wcapp");
            Files.move(temp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            AppPackage installedPkg = AppPackage.open(target);
            AppEntry entry = new AppEntry(installedPkg.manifest(), false, installedPkg::instantiate);
            apps.put(entry.id(), entry);
            return entry;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Removes a catalog app and its files; built-in apps cannot be removed. */
    public void remove(String id, Path appData) throws IOException {
        AppEntry e = apps.get(id);
        if (e == null) {
            throw new IOException("no app " + id + " is installed");
        }
        if (e.builtIn()) {
            throw new IOException(id + " comes with the phone and cannot be removed");
        }
        apps.remove(id);
        Files.deleteIfExists(installed.resolve(id + ".wcapp"));
        FileStorage.deleteTree(appData);
    }

    public Optional<AppEntry> get(String id) {
        return Optional.ofNullable(apps.get(id));
    }

    /** Every app, built-in first, in the order they were found. */
    public List<AppEntry> all() {
        return new ArrayList<>(apps.values());
    }
}
