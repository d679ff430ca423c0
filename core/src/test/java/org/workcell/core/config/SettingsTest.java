package org.workcell.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.workcell.core.config.Settings.ConfigException;

class SettingsTest {
    @TempDir
    Path dir;

    private Path properties(String text) throws IOException {
        Path file = dir.resolve("workcell.properties");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    // ---------------------------------------------------------------- layering

    @Test
    void defaultIsUsedWhenNothingElseSetsTheKey() throws IOException {
        Settings s = Settings.builder().defaults(Map.of("port", "8443")).file(properties("")).environment(Map.of()).build();

        assertThat(s.get("port")).isEqualTo("8443");
        assertThat(s.describe("port")).contains("default");
    }

    @Test
    void fileOverridesDefault() throws IOException {
        Path file = properties("port = 9000\n");
        Settings s = Settings.builder().defaults(Map.of("port", "8443")).file(file).environment(Map.of()).build();

        assertThat(s.get("port")).isEqualTo("9000");
        assertThat(s.describe("port")).contains(file.toString());
    }

    @Test
    void environmentOverridesFileAndDefault() throws IOException {
        Settings s = Settings.builder().defaults(Map.of("db.url", "jdbc:default"))
                .file(properties("db.url=jdbc:file\n"))
                .environment(Map.of("WORKCELL_DB_URL", "jdbc:env"))
                .build();

        assertThat(s.get("db.url")).isEqualTo("jdbc:env");
        assertThat(s.describe("db.url")).contains("environment WORKCELL_DB_URL");
    }

    @Test
    void flagOverridesEnvironmentFileAndDefault() throws IOException {
        Settings s = Settings.builder().defaults(Map.of("db.pool-size", "16"))
                .file(properties("db.pool-size=8\n"))
                .environment(Map.of("WORKCELL_DB_POOL_SIZE", "4"))
                .flag("db.pool-size", 2)
                .build();

        assertThat(s.getInt("db.pool-size")).isEqualTo(2);
        assertThat(s.describe("db.pool-size")).contains("flag --db-pool-size");
    }

    @Test
    void eachLayerOnlyOverridesTheKeysItSets() throws IOException {
        Settings s = Settings.builder().defaults(Map.of("a", "default-a", "b", "default-b", "c", "default-c", "d", "default-d"))
                .file(properties("b=file-b\nc=file-c\nd=file-d\n"))
                .environment(Map.of("WORKCELL_C", "env-c", "WORKCELL_D", "env-d"))
                .flag("d", "flag-d")
                .build();

        assertThat(s.get("a")).isEqualTo("default-a");
        assertThat(s.get("b")).isEqualTo("file-b");
        assertThat(s.get("c")).isEqualTo("env-c");
        assertThat(s.get("d")).isEqualTo("flag-d");
    }

    @Test
    void nullFlagLeavesTheLowerLayerInPlace() {
        Settings s = Settings.builder().defaults(Map.of("host", "0.0.0.0")).flag("host", null).build();

        assertThat(s.get("host")).isEqualTo("0.0.0.0");
        assertThat(s.describe("host")).contains("default");
    }

    @Test
    void environmentOnlyTakesVariablesForKnownKeys() {
        Settings s = Settings.builder().defaults(Map.of("host", "0.0.0.0"))
                .environment(Map.of("WORKCELL_SECRET_BACKDOOR", "on", "HOST", "evil", "workcell_host", "lower"))
                .build();

        assertThat(s.find("secret.backdoor")).isEmpty();
        assertThat(s.find("secret-backdoor")).isEmpty();
        assertThat(s.get("host")).isEqualTo("0.0.0.0");
    }

    @Test
    void environmentCanOverrideAKeyThatOnlyTheFileIntroduced() throws IOException {
        Settings s = Settings.builder().file(properties("extra.key=file\n"))
                .environment(Map.of("WORKCELL_EXTRA_KEY", "env")).build();

        assertThat(s.get("extra.key")).isEqualTo("env");
    }

    @Test
    void missingFileIsNoError() throws IOException {
        Settings s = Settings.builder().defaults(Map.of("k", "v")).file(dir.resolve("absent.properties")).file(null).build();

        assertThat(s.get("k")).isEqualTo("v");
    }

    @Test
    void fileValuesAreTrimmed() throws IOException {
        Settings s = Settings.builder().file(properties("port =   9000   \n")).build();

        assertThat(s.getInt("port")).isEqualTo(9000);
    }

    @Test
    void fileThatIsNotUtf8IsAnIOException() throws IOException {
        Path file = dir.resolve("bad.properties");
        Files.write(file, new byte[] {'k', '=', (byte) 0xff, (byte) 0xfe});

        assertThatThrownBy(() -> Settings.builder().file(file)).isInstanceOf(IOException.class);
    }

    @Test
    void laterBuildsAreNotAffectedByTheBuilder() {
        Settings.Builder builder = Settings.builder().defaults(Map.of("k", "first"));
        Settings first = builder.build();

        builder.flag("k", "second");

        assertThat(first.get("k")).isEqualTo("first");
        assertThat(builder.build().get("k")).isEqualTo("second");
    }

    // ---------------------------------------------------------------- names

    @Test
    void environmentNameIsPrefixedUpperCaseWithUnderscores() {
        assertThat(Settings.envName("db.url")).isEqualTo("WORKCELL_DB_URL");
        assertThat(Settings.envName("db.pool-size")).isEqualTo("WORKCELL_DB_POOL_SIZE");
        assertThat(Settings.envName("port")).isEqualTo("WORKCELL_PORT");
    }

    @Test
    void describeOfAnUnknownKeyNamesOnlyTheKey() {
        assertThat(Settings.builder().build().describe("nope")).isEqualTo("setting 'nope'");
    }

    // ---------------------------------------------------------------- typed getters

    @Test
    void missingRequiredKeyNamesTheKeyTheEnvironmentVariableAndTheFlag() {
        Settings s = Settings.builder().build();

        assertThatThrownBy(() -> s.get("db.url"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'db.url'")
                .hasMessageContaining("WORKCELL_DB_URL")
                .hasMessageContaining("--db-url");
    }

    @Test
    void emptyValueCountsAsMissing() {
        Settings s = Settings.builder().defaults(Map.of("public-url", "")).build();

        assertThat(s.find("public-url")).isEmpty();
        assertThatThrownBy(() -> s.get("public-url")).isInstanceOf(ConfigException.class).hasMessageContaining("WORKCELL_PUBLIC_URL");
        assertThatThrownBy(() -> s.getInt("public-url")).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> s.getDuration("public-url")).isInstanceOf(ConfigException.class).hasMessageContaining("required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"eighty", "80.5", "0x50", "2147483648", " 80", "8 0"})
    void getIntOfAnythingButAWholeNumberIsAConfigExceptionNamingKeySourceAndValue(String value) {
        Settings s = Settings.builder().defaults(Map.of("port", "8443")).environment(Map.of("WORKCELL_PORT", value)).build();

        assertThatThrownBy(() -> s.getInt("port"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'port'")
                .hasMessageContaining("WORKCELL_PORT")
                .hasMessageContaining(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "80", "-1", "+443", "2147483647"})
    void getIntReadsWholeNumbers(String value) {
        Settings s = Settings.builder().flag("port", value).build();

        assertThat(s.getInt("port")).isEqualTo(Integer.valueOf(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "yes", "On", "1"})
    void getBooleanReadsTrueSpellings(String value) {
        assertThat(Settings.builder().flag("demo", value).build().getBoolean("demo")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "False", "no", "OFF", "0"})
    void getBooleanReadsFalseSpellings(String value) {
        assertThat(Settings.builder().flag("demo", value).build().getBoolean("demo")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"maybe", "2", "y", "n", "t", "enabled"})
    void getBooleanOfAnythingElseIsAConfigExceptionNamingKeyAndSource(String value) {
        Settings s = Settings.builder().flag("demo", value).build();

        assertThatThrownBy(() -> s.getBoolean("demo"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'demo'")
                .hasMessageContaining("flag --demo")
                .hasMessageContaining("true or false");
    }

    @Test
    void getDurationReadsTheDurationSyntax() throws IOException {
        Settings s = Settings.builder().defaults(Map.of("session-ttl", "12h"))
                .file(properties("max-clock-skew=PT5M\n")).build();

        assertThat(s.getDuration("session-ttl")).isEqualTo(Duration.ofHours(12));
        assertThat(s.getDuration("max-clock-skew")).isEqualTo(Duration.ofMinutes(5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "-5m", "15", "PT-1S", "99999999999999999999s"})
    void getDurationOfABadValueIsAConfigExceptionNamingKeyAndSource(String value) throws IOException {
        Path file = properties("session-ttl=" + value + "\n");
        Settings s = Settings.builder().defaults(Map.of("session-ttl", "12h")).file(file).build();

        assertThatThrownBy(() -> s.getDuration("session-ttl"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'session-ttl'")
                .hasMessageContaining(file.toString());
    }
}
