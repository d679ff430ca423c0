package org.workcell.core.jws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.workcell.core.jws.Tokens.b64;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.workcell.core.crypto.Ed25519;
import org.workcell.core.protocol.Lease;
import org.workcell.core.protocol.TokenTypes;

class CompactJwsProperties {
    private static final KeyPair PAIR = Ed25519.generate();
    private static final KeyPair OTHER = Ed25519.generate();
    private static final String KID = Ed25519.keyId(PAIR.getPublic());
    private static final String TYPE = TokenTypes.LEASE;
    private static final ObjectMapper PLAIN = new ObjectMapper();

    // ---------------------------------------------------------------- round trip

    @Provide
    Arbitrary<String> types() {
        return Arbitraries.oneOf(
                Arbitraries.of(TokenTypes.ENROLLMENT, TokenTypes.DEVICE_REQUEST, TokenTypes.LEASE, TokenTypes.PROVISIONING,
                        TokenTypes.IMAGE_REF),
                Arbitraries.strings().withCharRange(' ', '~').ofMinLength(0).ofMaxLength(40),
                Arbitraries.strings().withCharRange('\u00a0', '\ud7ff').ofMinLength(1).ofMaxLength(20));
    }

    @Provide
    Arbitrary<String> keyIds() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars(Tokens.URL_ALPHABET).ofMinLength(1).ofMaxLength(128),
                Arbitraries.strings().withCharRange(' ', '\ud7ff').ofMinLength(1).ofMaxLength(128));
    }

    @Property(tries = 300)
    void signThenParseThenVerifyGivesBackThePayloadTypeAndKeyId(
            @ForAll @Size(max = 4096) byte[] payload, @ForAll("types") String type, @ForAll("keyIds") String kid) throws JwsException {
        String token = CompactJws.sign(type, kid, payload, PAIR.getPrivate());

        CompactJws.Unverified unverified = CompactJws.parse(token, type);

        assertThat(unverified.header()).isEqualTo(new CompactJws.Header(CompactJws.ALGORITHM, type, kid));
        assertThat(unverified.payload()).isEqualTo(payload);
        assertThat(unverified.verify(PAIR.getPublic())).isEqualTo(payload);
        assertThatThrownBy(() -> unverified.verify(OTHER.getPublic())).isInstanceOf(JwsException.class);
    }

    @Property(tries = 300)
    void tokensOfOneTypeAreNeverAcceptedAsAnother(@ForAll("types") String signedAs, @ForAll("types") String expected) {
        net.jqwik.api.Assume.that(!signedAs.equals(expected));
        String token = CompactJws.sign(signedAs, KID, new byte[] {1}, PAIR.getPrivate());

        assertThatThrownBy(() -> CompactJws.parse(token, expected)).isInstanceOf(JwsException.class);
    }

    // ---------------------------------------------------------------- single-character mutations

    private static final String VALID = CompactJws.sign(TYPE, KID, "{\"deviceId\":\"d-1\",\"sequence\":42}"
            .getBytes(StandardCharsets.UTF_8), PAIR.getPrivate());

    @Provide
    Arbitrary<Character> replacements() {
        return Arbitraries.oneOf(
                Arbitraries.chars().with(Tokens.URL_ALPHABET),
                Arbitraries.chars().with(".=+/ \n\u0000"),
                Arbitraries.chars().all());
    }

    @Property(tries = 2000)
    void anySingleCharacterChangeToAValidTokenMakesItFail(
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int where, @ForAll("replacements") char replacement) {
        int at = where % VALID.length();
        net.jqwik.api.Assume.that(VALID.charAt(at) != replacement);
        String mutated = VALID.substring(0, at) + replacement + VALID.substring(at + 1);

        assertThatThrownBy(() -> CompactJws.parse(mutated, TYPE).verify(PAIR.getPublic())).isInstanceOf(JwsException.class);
    }

    @Property(tries = 500)
    void anySingleCharacterInsertionOrDeletionMakesAValidTokenFail(
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int where, @ForAll("replacements") char inserted,
            @ForAll boolean insert) {
        int at = where % (VALID.length() + (insert ? 1 : 0));
        String mutated = insert
                ? VALID.substring(0, at) + inserted + VALID.substring(at)
                : VALID.substring(0, at) + VALID.substring(at + 1);

        assertThatThrownBy(() -> CompactJws.parse(mutated, TYPE).verify(PAIR.getPublic())).isInstanceOf(JwsException.class);
    }

    // ---------------------------------------------------------------- fuzzing

    /** Runs the whole reader and says whether it accepted; anything but JwsException fails the property. */
    private static boolean accepts(String token) {
        try {
            CompactJws.verifyJson(token, TYPE, PAIR.getPublic(), Lease.class);
            return true;
        } catch (JwsException rejected) {
            return false;
        }
    }

    @Provide
    Arbitrary<String> randomStrings() {
        Arbitrary<String> part = Arbitraries.strings().withChars(Tokens.URL_ALPHABET).ofMinLength(0).ofMaxLength(120);
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(300),
                Arbitraries.strings().withChars(Tokens.URL_ALPHABET + ".=").ofMaxLength(300),
                Combinators.combine(part, part, part).as((a, b, c) -> a + "." + b + "." + c),
                Combinators.combine(part, part, part).as((a, b, c) -> b64(a) + "." + b64(b) + "." + c));
    }

    @Property(tries = 2000)
    void randomStringsAreRejectedWithJwsExceptionOnly(@ForAll("randomStrings") String token) {
        assertThatThrownBy(() -> CompactJws.parse(token, TYPE)).isInstanceOf(JwsException.class);
        assertThat(accepts(token)).isFalse();
    }

    record Edit(int kind, int position, String text) {}

    @Provide
    Arbitrary<List<Edit>> edits() {
        Arbitrary<String> text = Arbitraries.oneOf(
                Arbitraries.strings().withChars(Tokens.URL_ALPHABET + ".=").ofMinLength(1).ofMaxLength(8),
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(3));
        return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 100_000), text)
                .as(Edit::new)
                .list().ofMinSize(1).ofMaxSize(5);
    }

    private static String apply(String token, List<Edit> edits) {
        String t = token;
        for (Edit e : edits) {
            int at = e.position() % (t.length() + 1);
            t = switch (e.kind()) {
                case 0 -> t.substring(0, at) + e.text() + t.substring(at); // insert
                case 1 -> t.substring(0, at) + t.substring(Math.min(t.length(), at + e.text().length())); // delete
                case 2 -> t.substring(0, at) + e.text() + t.substring(Math.min(t.length(), at + e.text().length())); // overwrite
                case 3 -> t.substring(at) + t.substring(0, at); // rotate
                default -> { // swap two parts
                    String[] p = t.split("\\.", -1);
                    if (p.length < 2) {
                        yield t;
                    }
                    int i = at % p.length;
                    int j = (i + 1) % p.length;
                    String tmp = p[i];
                    p[i] = p[j];
                    p[j] = tmp;
                    yield String.join(".", p);
                }
            };
        }
        return t;
    }

    @Property(tries = 2000)
    void randomMutationsOfAValidTokenNeverVerifyAndOnlyThrowJwsException(@ForAll("edits") List<Edit> edits) {
        String mutated = apply(VALID, edits);
        net.jqwik.api.Assume.that(!mutated.equals(VALID));

        assertThatThrownBy(() -> CompactJws.parse(mutated, TYPE).verify(PAIR.getPublic())).isInstanceOf(JwsException.class);
    }

    @Provide
    Arbitrary<Object> jsonValues() {
        return Arbitraries.oneOf(
                Arbitraries.of("EdDSA", TYPE, KID, "none", "HS256", ""),
                Arbitraries.strings().ofMaxLength(140),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.of(true, false),
                Arbitraries.just((Object) null),
                Arbitraries.just((Object) List.of("EdDSA")),
                Arbitraries.just((Object) Map.of("kty", "OKP")));
    }

    @Provide
    Arbitrary<Map<String, Object>> headers() {
        Arbitrary<String> keys = Arbitraries.oneOf(
                Arbitraries.of("alg", "typ", "kid", "jwk", "crit", "cty", "x5u"),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(5));
        Arbitrary<Map<String, Object>> random = Arbitraries.maps(keys, jsonValues()).ofMaxSize(5).map(LinkedHashMap::new);
        // Near misses: a good header with a few fields changed, added or removed (possibly none).
        Arbitrary<Map<String, Object>> nearMisses = Combinators.combine(
                        Arbitraries.maps(keys, jsonValues()).ofMaxSize(2),
                        Arbitraries.of("alg", "typ", "kid", "none").list().ofMaxSize(1))
                .as((changes, removals) -> {
                    Map<String, Object> header = new LinkedHashMap<>();
                    header.put("alg", "EdDSA");
                    header.put("typ", TYPE);
                    header.put("kid", KID);
                    header.putAll(changes);
                    removals.forEach(header::remove);
                    return header;
                });
        return Arbitraries.oneOf(random, nearMisses, nearMisses);
    }

    @Property(tries = 1000)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void parseAcceptsAHeaderIfAndOnlyIfItIsExactlyEdDsaOfTheExpectedTypeWithAUsableKid(
            @ForAll("headers") Map<String, Object> header) throws Exception {
        String json = PLAIN.writeValueAsString(header);
        // parse does not check the signature, so a dummy of the right length will do here.
        String token = b64(json) + "." + b64("{}") + "." + b64(new byte[Ed25519.SIGNATURE_BYTES]);

        boolean shouldAccept = Set.of("alg", "typ", "kid").containsAll(header.keySet())
                && "EdDSA".equals(header.get("alg"))
                && TYPE.equals(header.get("typ"))
                && header.get("kid") != null
                && !String.valueOf(header.get("kid")).isEmpty()
                && String.valueOf(header.get("kid")).length() <= 128
                && !(header.get("kid") instanceof List) && !(header.get("kid") instanceof Map);

        Statistics.label("accepted").collect(shouldAccept);
        Statistics.label("accepted").coverage(coverage -> {
            coverage.check(true).count(n -> n > 0);
            coverage.check(false).count(n -> n > 0);
        });
        CompactJws.Unverified parsed;
        try {
            parsed = CompactJws.parse(token, TYPE);
        } catch (JwsException rejected) {
            assertThat(shouldAccept).as("rejected %s: %s", json, rejected.getMessage()).isFalse();
            return;
        }
        assertThat(shouldAccept).as("accepted %s", json).isTrue();
        assertThat(parsed.header().alg()).isEqualTo(CompactJws.ALGORITHM);
        assertThat(parsed.header().typ()).isEqualTo(TYPE);
        assertThat(parsed.payload()).containsExactly('{', '}');
    }

    @Property(tries = 1000)
    void readPayloadOfRandomBytesOnlyEverThrowsJwsException(@ForAll("payloads") byte[] payload) {
        try {
            CompactJws.readPayload(payload, Lease.class);
        } catch (JwsException expected) {
            assertThat(expected.getMessage()).startsWith("payload is not a valid Lease");
        }
    }

    @Provide
    Arbitrary<byte[]> payloads() {
        Arbitrary<String> fragments = Arbitraries.of("{", "}", "[", "]", ",", ":", "\"deviceId\"", "\"sequence\"",
                "\"commands\"", "\"leaseInterval\"", "\"issuedAt\"", "null", "1", "-1", "1e999", "\"PT15M\"",
                "\"2025-01-01T00:00:00Z\"", "\"x\"", "true", "\"policyVersion\"", "\"extra\"", " ");
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(200),
                fragments.list().ofMaxSize(30).map(l -> String.join("", l).getBytes(StandardCharsets.UTF_8)),
                Arbitraries.strings().all().ofMaxLength(100).map(s -> s.getBytes(StandardCharsets.UTF_8)));
    }

    @Property(tries = 500)
    void validlySignedRandomPayloadsOnlyEverThrowJwsExceptionFromVerifyJson(@ForAll("payloads") byte[] payload) {
        String token = CompactJws.sign(TYPE, KID, payload, PAIR.getPrivate());

        try {
            CompactJws.verifyJson(token, TYPE, PAIR.getPublic(), Lease.class);
        } catch (JwsException expected) {
            assertThat(expected.getMessage()).startsWith("payload is not a valid Lease");
        }
    }

    @Property(tries = 300)
    void parseNeverTrustsTheHeaderSpellingOfAnotherEncoding(@ForAll @Size(min = 1, max = 200) byte[] payload) {
        // Re-encoding the same token with padding or the standard alphabet must not be accepted.
        String token = CompactJws.sign(TYPE, KID, payload, PAIR.getPrivate());
        String[] p = token.split("\\.");
        String standard = Base64.getEncoder().encodeToString(Base64.getUrlDecoder().decode(p[1]));
        net.jqwik.api.Assume.that(!standard.equals(p[1]));

        assertThatThrownBy(() -> CompactJws.parse(p[0] + "." + standard + "." + p[2], TYPE)).isInstanceOf(JwsException.class);
    }
}
