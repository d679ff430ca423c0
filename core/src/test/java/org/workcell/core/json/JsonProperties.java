package org.workcell.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class JsonProperties {
    record Point(int x, int y) {}

    @Provide
    Arbitrary<byte[]> documents() {
        Arbitrary<String> fragments = Arbitraries.of("{", "}", "[", "]", ",", ":", "\"x\"", "\"y\"", "\"z\"", "1", "-0", "1e400",
                "null", "true", "\"s\"", " ", "\\u0000", "\"\\ud800\"", "12345678901234567890123456789012345");
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(200),
                fragments.list().ofMaxSize(40).map(l -> String.join("", l).getBytes(StandardCharsets.UTF_8)),
                Arbitraries.strings().all().ofMaxLength(100).map(s -> s.getBytes(StandardCharsets.UTF_8)));
    }

    @Property(tries = 3000)
    void readOfAnyBytesGivesAValueOrIOException(@ForAll("documents") byte[] document) {
        for (Class<?> type : List.of(JsonNode.class, Object.class, Point.class, Map.class)) {
            try {
                Json.read(document, type);
            } catch (IOException expected) {
                assertThat(expected).isNotNull();
            }
        }
    }

    @Property(tries = 200)
    void nestingIsAcceptedUpTo32AndRejectedBeyond(@ForAll @IntRange(min = 1, max = 200) int depth, @ForAll boolean arrays) {
        // depth levels of arrays, or of objects with a number innermost
        String json = arrays ? "[".repeat(depth) + "]".repeat(depth) : "{\"k\":".repeat(depth) + "1" + "}".repeat(depth);
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

        boolean accepted;
        try {
            Json.read(bytes, JsonNode.class);
            accepted = true;
        } catch (IOException e) {
            accepted = false;
        }
        assertThat(accepted).as("depth %d", depth).isEqualTo(depth <= 32);
    }

    @Property(tries = 500)
    void anyDocumentWithAnExtraFieldIsRejectedForARecord(
            @ForAll @IntRange(min = -1000, max = 1000) int x, @ForAll @IntRange(min = -1000, max = 1000) int y,
            @ForAll("fieldNames") String extra) throws Exception {
        String json = new ObjectMapper().writeValueAsString(Map.of("x", x, "y", y, extra, 0));

        try {
            Json.read(json.getBytes(StandardCharsets.UTF_8), Point.class);
            throw new AssertionError("accepted " + json);
        } catch (IOException expected) {
            assertThat(expected.getMessage()).contains(extra);
        }
        assertThat(Json.read(("{\"x\":" + x + ",\"y\":" + y + "}").getBytes(StandardCharsets.UTF_8), Point.class))
                .isEqualTo(new Point(x, y));
    }

    @Provide
    Arbitrary<String> fieldNames() {
        return Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10).filter(s -> !s.equals("x") && !s.equals("y"));
    }
}
