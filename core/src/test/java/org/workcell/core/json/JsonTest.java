package org.workcell.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
    record Point(int x, int y) {}

    record Stamp(Instant at, Duration took) {}

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsTheExactRecord() throws IOException {
        assertThat(Json.read(utf8("{\"x\":1,\"y\":2}"), Point.class)).isEqualTo(new Point(1, 2));
    }

    @Test
    void rejectsUnknownFields() {
        assertThatThrownBy(() -> Json.read(utf8("{\"x\":1,\"y\":2,\"z\":3}"), Point.class))
                .isInstanceOf(IOException.class).hasMessageContaining("\"z\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"x\":1,\"y\":2,\"x\":3}", "{\"x\":1,\"x\":1,\"y\":2}"})
    void rejectsDuplicateKeysInRecords(String json) {
        assertThatThrownBy(() -> Json.read(utf8(json), Point.class)).isInstanceOf(IOException.class).hasMessageContaining("Duplicate");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1,\"a\":2}", "{\"o\":{\"b\":1,\"b\":1}}", "[{\"c\":null,\"c\":null}]"})
    void rejectsDuplicateKeysInTreesAndMaps(String json) {
        assertThatThrownBy(() -> Json.read(utf8(json), JsonNode.class)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> Json.read(utf8(json), Object.class)).isInstanceOf(IOException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"x\":1,\"y\":2} {}", "{\"x\":1,\"y\":2}x", "{\"x\":1,\"y\":2}]", "{\"x\":1,\"y\":2} 1",
        "{\"x\":1,\"y\":2}{\"x\":1,\"y\":2}", "{\"x\":1,\"y\":2} null"})
    void rejectsTrailingTokens(String json) {
        assertThatThrownBy(() -> Json.read(utf8(json), Point.class)).isInstanceOf(IOException.class);
    }

    @Test
    void allowsTrailingWhitespace() throws IOException {
        assertThat(Json.read(utf8("{\"x\":1,\"y\":2}  \n"), Point.class)).isEqualTo(new Point(1, 2));
    }

    @Test
    void acceptsNestingOf32Levels() throws IOException {
        assertThat(Json.read(utf8("[".repeat(32) + "]".repeat(32)), JsonNode.class)).isNotNull();
        assertThat(Json.read(utf8("{\"a\":".repeat(31) + "{}" + "}".repeat(31)), JsonNode.class)).isNotNull();
    }

    @Test
    void rejectsNestingDeeperThan32Levels() {
        assertThatThrownBy(() -> Json.read(utf8("[".repeat(33) + "]".repeat(33)), JsonNode.class))
                .isInstanceOf(IOException.class).hasMessageContaining("nesting");
        assertThatThrownBy(() -> Json.read(utf8("{\"a\":".repeat(32) + "{}" + "}".repeat(32)), JsonNode.class))
                .isInstanceOf(IOException.class).hasMessageContaining("nesting");
    }

    @Test
    void rejectsAVeryDeepDocumentWithoutOverflowingTheStack() {
        byte[] deep = utf8("[".repeat(100_000) + "]".repeat(100_000));

        assertThatThrownBy(() -> Json.read(deep, Object.class)).isInstanceOf(IOException.class);
    }

    @Test
    void rejectsNumbersLongerThan32Digits() throws IOException {
        assertThat(Json.read(utf8("1".repeat(32)), JsonNode.class).isNumber()).isTrue();
        assertThatThrownBy(() -> Json.read(utf8("1".repeat(33)), JsonNode.class)).isInstanceOf(IOException.class);
    }

    @Test
    void rejectsStringsLongerThanOneMebichar() throws IOException {
        assertThat(Json.read(utf8("\"" + "a".repeat(1 << 20) + "\""), String.class)).hasSize(1 << 20);
        assertThatThrownBy(() -> Json.read(utf8("\"" + "a".repeat((1 << 20) + 1) + "\""), String.class))
                .isInstanceOf(IOException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"x\":null,\"y\":2}", "{\"y\":2}"})
    void rejectsNullOrMissingPrimitives(String json) {
        assertThatThrownBy(() -> Json.read(utf8(json), Point.class)).isInstanceOf(IOException.class);
    }

    @Test
    void writesTimesAndDurationsAsIso8601Text() throws IOException {
        Stamp stamp = new Stamp(Instant.parse("2025-06-01T10:15:30.5Z"), Duration.ofMinutes(90));

        JsonNode tree = Json.MAPPER.readTree(Json.write(stamp));

        assertThat(tree.get("at").isTextual()).isTrue();
        assertThat(Instant.parse(tree.get("at").asText())).isEqualTo(stamp.at());
        assertThat(tree.get("took").asText()).isEqualTo("PT1H30M");
        assertThat(Json.read(Json.write(stamp), Stamp.class)).isEqualTo(stamp);
    }

    @Test
    void writeStringAndWritePrettyAgreeWithWrite() throws IOException {
        Map<String, Object> value = Map.of("list", List.of(1, 2), "name", "ü");

        assertThat(Json.writeString(value)).isEqualTo(new String(Json.write(value), StandardCharsets.UTF_8));
        assertThat(Json.MAPPER.readTree(Json.writePretty(value))).isEqualTo(Json.MAPPER.readTree(Json.write(value)));
        assertThat(Json.writePretty(value)).contains("\n");
    }

    @Test
    void readUncheckedWrapsTheIOException() {
        assertThatThrownBy(() -> Json.readUnchecked(utf8("{\"x\":1,\"y\":2,\"z\":3}"), Point.class))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(IOException.class);
    }

    @Test
    void writeOfSomethingJacksonCannotWriteIsAnIllegalArgumentException() {
        Object unwritable = new Object();

        assertThatThrownBy(() -> Json.write(unwritable)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Object");
        assertThatThrownBy(() -> Json.writeString(unwritable)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.writePretty(unwritable)).isInstanceOf(IllegalArgumentException.class);
    }
}
