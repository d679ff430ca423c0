package org.workcell.sdk.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who an app is and what it needs, read from {@code workcell-app.properties} at the root of its
 * jar:
 * <pre>
 * id = com.example.expenses
 * name = Expenses
 * version = 1.2.0
 * main = com.example.expenses.ExpensesApp
 * icon = STORE                      # a built-in Icon.Glyph name; an unknown one shows the generic app icon
 * permissions = notifications, clipboard
 * description = File expense reports.
 * </pre>
 */
public record AppManifest(String id, String name, String version, String mainClass, String icon, Set<Permission> permissions, String description) {
    public static final String FILE = "workcell-app.properties";
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+){1,8}");
    private static final Pattern VERSION = Pattern.compile("\\d{1,6}(\\.\\d{1,6}){0,3}([-+][0-9A-Za-z.-]{1,40})?");
    private static final Pattern CLASS = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");

    public AppManifest {
        if (id == null || id.length() > 100 || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("app id must be a lower-case reverse domain name such as com.example.expenses, not '" + id + "'");
        }
        if (name == null || name.isBlank() || name.length() > 40) {
            throw new IllegalArgumentException("app name must be 1 to 40 characters");
        }
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("app version must look like 1.2.0, not '" + version + "'");
        }
        if (mainClass == null || mainClass.length() > 200 || !CLASS.matcher(mainClass).matches()) {
            throw new IllegalArgumentException("main must be a fully qualified class name, not '" + mainClass + "'");
        }
        icon = icon == null || icon.isBlank() ? "APP" : icon.trim();
        permissions = Set.copyOf(permissions);
        description = description == null ? "" : description.strip();
        if (description.length() > 500) {
            throw new IllegalArgumentException("description is at most 500 characters");
        }
    }

    /** Reads and checks a manifest; every problem is an {@link IllegalArgumentException} that names it. */
    public static AppManifest read(InputStream in) throws IOException {
        Properties p = new Properties();
        p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        String list = p.getProperty("permissions", "");
        for (String key : list.split(",")) {
            if (!key.isBlank()) {
                permissions.add(Permission.ofKey(key).orElseThrow(() -> new IllegalArgumentException("unknown permission '" + key.trim() + "'")));
            }
        }
        return new AppManifest(trim(p.getProperty("id")), trim(p.getProperty("name")), trim(p.getProperty("version")),
                trim(p.getProperty("main")), p.getProperty("icon"), permissions, p.getProperty("description"));
    }

    private static String trim(String s) {
        return s == null ? null : s.strip();
    }
}
