package org.workcell.image.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.workcell.image.ImageManifest;
import org.workcell.image.PhoneSpec;

/** The smaller parsers: phone.json and zstd frames. Anything they are given gives a value or an IOException. */
class ParserFuzzProperties {
    private static final String VALID = "{\"display\": {\"width\": 1080, \"height\": 2400, \"density\": 420},"
            + " \"osBuild\": \"b\", \"defaultApps\": [\"org.workcell.mail\"]}";

    @Provide
    Arbitrary<String> jsonish() {
        Arbitrary<String> fragments = Arbitraries.of("{", "}", "[", "]", ",", ":", "\"display\"", "\"width\"", "\"height\"",
                "\"density\"", "\"osBuild\"", "\"defaultApps\"", "1080", "-1", "1e9", "null", "true", "\"a.b\"", "\"\"", " ",
                "99999999999999999999");
        return Arbitraries.oneOf(
                fragments.list().ofMaxSize(40).map(l -> String.join("", l)),
                Arbitraries.strings().ofMaxLength(200),
                Arbitraries.integers().between(0, VALID.length() - 1).map(cut -> VALID.substring(0, cut)));
    }

    @Property(tries = 3000)
    void phoneJsonParsesOrSaysWhy(@ForAll("jsonish") String json) {
        try {
            PhoneSpec spec = PhoneSpec.parse(json.getBytes(StandardCharsets.UTF_8));
            assertThat(spec.display()).isNotNull();
            assertThat(spec.osBuild()).isNotBlank();
            assertThat(spec.defaultApps()).isNotNull();
        } catch (IOException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 500)
    void validPhoneJsonRoundTrips(@ForAll @IntRange(min = 1, max = 16384) int width, @ForAll @IntRange(min = 1, max = 16384) int height,
            @ForAll @IntRange(min = 1, max = 2000) int density, @ForAll @IntRange(max = 20) int apps) throws IOException {
        List<String> ids = java.util.stream.IntStream.range(0, apps).mapToObj(i -> "com.example.app" + i).toList();
        PhoneSpec spec = new PhoneSpec(new ImageManifest.Display(width, height, density), "build " + width, ids);
        assertThat(PhoneSpec.parse(org.workcell.core.json.Json.write(spec))).isEqualTo(spec);
    }

    @Property(tries = 2000)
    void zstdDecompressionOfAnyBytesIsBoundedOrAnIoException(@ForAll byte[] garbage, @ForAll @IntRange(min = 1, max = 4096) int max) {
        try {
            byte[] out = ZstdCodec.decompress(garbage, garbage.length, max);
            assertThat(out.length).isLessThanOrEqualTo(max);
        } catch (IOException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 1000)
    void mutatedFramesDecompressBoundedOrAreAnIoException(@ForAll long seed, @ForAll @IntRange(min = 1, max = 8000) int length) {
        Random random = new Random(seed);
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (random.nextInt(3) == 0 ? random.nextInt(256) : 'a' + random.nextInt(3));
        }
        byte[] frame = new byte[ZstdCodec.bound(length)];
        int n = ZstdCodec.compress(frame, data, 0, length, 1 + random.nextInt(5));
        assertThat(Zstd.decompress(java.util.Arrays.copyOf(frame, n), length)).isEqualTo(data);
        for (int i = 0; i < 1 + random.nextInt(4); i++) {
            frame[random.nextInt(n)] ^= (byte) (1 << random.nextInt(8));
        }
        try {
            assertThat(ZstdCodec.decompress(frame, n, length).length).isLessThanOrEqualTo(length);
        } catch (IOException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
