package org.workcell.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.workcell.core.config.Settings.ConfigException;

class SettingsProperties {
    private static Path dir;

    @BeforeContainer
    static void makeFolder() throws IOException {
        dir = Files.createTempDirectory("settings-props");
    }

    @AfterContainer
    static void removeFolder() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789.-").ofMinLength(1).ofMaxLength(20)
                .filter(k -> Character.isLetter(k.charAt(0)));
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(20);
    }

    /** Which layers set a key: bit 0 default, bit 1 file, bit 2 environment, bit 3 flag. */
    @Provide
    Arbitrary<Map<String, Integer>> layerMasks() {
        return Arbitraries.maps(keys(), Arbitraries.integers().between(1, 15)).ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 300)
    void theHighestLayerThatSetsAKeyWins(@ForAll("layerMasks") Map<String, Integer> masks) throws IOException {
        Map<String, String> defaults = new HashMap<>();
        Properties file = new Properties();
        Map<String, String> env = new HashMap<>();
        Settings.Builder builder = Settings.builder();
        masks.forEach((key, mask) -> {
            if ((mask & 1) != 0) {
                defaults.put(key, "default:" + key);
            }
            if ((mask & 2) != 0) {
                file.setProperty(key, "file:" + key);
            }
            if ((mask & 4) != 0) {
                env.put(Settings.envName(key), "env:" + key);
            }
        });
        Path path = Files.createTempFile(dir, "settings", ".properties");
        try (Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            file.store(w, null);
        }
        builder.defaults(defaults).file(path).environment(env);
        masks.forEach((key, mask) -> {
            if ((mask & 8) != 0) {
                builder.flag(key, "flag:" + key);
            }
        });
        Settings settings = builder.build();

        masks.forEach((key, mask) -> {
            // The environment only reaches keys that a default or the file made known.
            int effective = (mask & 3) == 0 ? mask & ~4 : mask;
            String expected = (effective & 8) != 0 ? "flag:" : (effective & 4) != 0 ? "env:" : (effective & 2) != 0 ? "file:"
                    : (effective & 1) != 0 ? "default:" : null;
            String keyCollision = collidingEnvironmentName(masks, key);
            if (keyCollision != null) {
                return; // two keys share one variable name (a.b and a-b); not what this property is about
            }
            assertThat(settings.find(key)).as("key %s with layers %s", key, Integer.toBinaryString(mask))
                    .isEqualTo(java.util.Optional.ofNullable(expected == null ? null : expected + key));
            String source = settings.describe(key);
            if (expected != null) {
                assertThat(source).contains(switch (expected) {
                    case "flag:" -> "flag --";
                    case "env:" -> "environment " + Settings.envName(key);
                    case "file:" -> path.toString();
                    default -> "default";
                });
            }
        });
    }

    private static String collidingEnvironmentName(Map<String, Integer> masks, String key) {
        return masks.keySet().stream()
                .filter(other -> !other.equals(key) && Settings.envName(other).equals(Settings.envName(key)))
                .findFirst().orElse(null);
    }

    @Property(tries = 500)
    void environmentNameIsAValidVariableNameThatTheEnvironmentLayerReads(@ForAll("keys") String key, @ForAll("values") String value) {
        String name = Settings.envName(key);

        assertThat(name).startsWith(Settings.ENV_PREFIX).matches("[A-Z_][A-Z0-9_]*");
        Settings settings = Settings.builder().defaults(Map.of(key, "default")).environment(Map.of(name, value)).build();
        assertThat(settings.get(key)).isEqualTo(value);
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(50),
                Arbitraries.strings().withChars("0123456789-+ .xeEwdhmsPT").ofMaxLength(45),
                Arbitraries.of("true", "false", "yes", "no", "on", "off", "1", "0", "", " "));
    }

    @Property(tries = 2000)
    void typedGettersOnlyEverThrowConfigExceptionNamingTheKey(@ForAll("anyText") String text) {
        Settings settings = Settings.builder().flag("some.key", text).build();

        for (Runnable getter : new Runnable[] {
            () -> settings.getInt("some.key"), () -> settings.getBoolean("some.key"), () -> settings.getDuration("some.key")}) {
            try {
                getter.run();
            } catch (ConfigException e) {
                assertThat(e.getMessage()).contains("'some.key'");
            }
        }
    }
}
