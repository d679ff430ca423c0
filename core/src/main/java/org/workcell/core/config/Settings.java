package org.workcell.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.workcell.core.time.Durations;

/**
 * Configuration in layers, later ones winning: built-in defaults, a properties file, the
 * environment ({@code WORKCELL_DB_URL} for key {@code db.url}), then command-line flags.
 * Each value remembers where it came from, so that errors can say which setting to fix.
 */
public final class Settings {
    public static final String ENV_PREFIX = "WORKCELL_";

    private record Value(String text, String source) {}

    private final Map<String, Value> values;

    private Settings(Map<String, Value> values) {
        this.values = Map.copyOf(values);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, Value> values = new LinkedHashMap<>();

        public Builder defaults(Map<String, String> defaults) {
            defaults.forEach((k, v) -> values.put(k, new Value(v, "default")));
            return this;
        }

        /** Reads a properties file if it exists; a missing file is no error, a broken one is. */
        public Builder file(Path file) throws IOException {
            if (file == null || !Files.isRegularFile(file)) {
                return this;
            }
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            for (String key : properties.stringPropertyNames()) {
                values.put(key, new Value(properties.getProperty(key).trim(), file.toString()));
            }
            return this;
        }

        /** Takes every {@code WORKCELL_*} variable for a key this configuration knows. */
        public Builder environment(Map<String, String> env) {
            for (String key : values.keySet().toArray(String[]::new)) {
                String name = envName(key);
                String value = env.get(name);
                if (value != null) {
                    values.put(key, new Value(value, "environment " + name));
                }
            }
            return this;
        }

        public Builder flag(String key, Object value) {
            if (value != null) {
                values.put(key, new Value(String.valueOf(value), "flag --" + key.replace('.', '-')));
            }
            return this;
        }

        public Settings build() {
            return new Settings(values);
        }
    }

    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public Optional<String> find(String key) {
        Value v = values.get(key);
        return v == null || v.text().isEmpty() ? Optional.empty() : Optional.of(v.text());
    }

    public String get(String key) {
        return find(key).orElseThrow(() -> new ConfigException("setting '" + key + "' is required (set it with "
                + envName(key) + " or --" + key.replace('.', '-') + ")"));
    }

    public int getInt(String key) {
        String text = get(key);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ConfigException(describe(key) + " must be a whole number, not '" + text + "'");
        }
    }

    public boolean getBoolean(String key) {
        String text = get(key).toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new ConfigException(describe(key) + " must be true or false, not '" + text + "'");
        };
    }

    public Duration getDuration(String key) {
        try {
            return Durations.parse(get(key));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(describe(key) + ": " + e.getMessage());
        }
    }

    /** The key and where its value came from, for error messages. */
    public String describe(String key) {
        Value v = values.get(key);
        return "setting '" + key + "'" + (v == null ? "" : " (from " + v.source() + ")");
    }

    /** A configuration value that is missing or malformed. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }
}
