package org.workcell.core.jws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.workcell.core.jws.Tokens.b64;
import static org.workcell.core.jws.Tokens.header;
import static org.workcell.core.jws.Tokens.signed;
import static org.workcell.core.jws.Tokens.signedParts;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.workcell.core.crypto.Ed25519;
import org.workcell.core.protocol.Lease;
import org.workcell.core.protocol.LeaseCommand;
import org.workcell.core.protocol.TokenTypes;

class CompactJwsTest {
    private static final KeyPair PAIR = Ed25519.generate();
    private static final String KID = Ed25519.keyId(PAIR.getPublic());
    private static final String TYPE = TokenTypes.LEASE;
    private static final byte[] PAYLOAD = "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);

    private static String validToken() {
        return CompactJws.sign(TYPE, KID, PAYLOAD, PAIR.getPrivate());
    }

    private static String[] parts(String token) {
        return token.split("\\.", -1);
    }

    // ---------------------------------------------------------------- what is accepted

    @Test
    void signedTokenParsesAndVerifiesToTheSamePayload() throws JwsException {
        CompactJws.Unverified unverified = CompactJws.parse(validToken(), TYPE);

        assertThat(unverified.header()).isEqualTo(new CompactJws.Header(CompactJws.ALGORITHM, TYPE, KID));
        assertThat(unverified.payload()).isEqualTo(PAYLOAD);
        assertThat(unverified.verify(PAIR.getPublic())).isEqualTo(PAYLOAD);
    }

    @Test
    void signedTokenHasThreeUnpaddedBase64UrlPartsAndAHeaderOfExactlyAlgTypKid() throws Exception {
        String token = validToken();

        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+");
        Map<String, Object> header = new ObjectMapper().readValue(Base64.getUrlDecoder().decode(parts(token)[0]),
                new TypeReference<Map<String, Object>>() {});
        assertThat(header).containsOnly(Map.entry("alg", "EdDSA"), Map.entry("typ", TYPE), Map.entry("kid", KID));
        assertThat(Base64.getUrlDecoder().decode(parts(token)[1])).isEqualTo(PAYLOAD);
    }

    @Test
    void signatureIsEd25519OverTheAsciiOfTheFirstTwoParts() throws JwsException {
        String token = validToken();
        String[] parts = parts(token);
        byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);

        CompactJws.Unverified unverified = CompactJws.parse(token, TYPE);

        assertThat(unverified.signingInput()).isEqualTo(signingInput);
        assertThat(Ed25519.verify(PAIR.getPublic(), signingInput, Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }

    @Test
    void handBuiltTokenWithTheSameHeaderIsAccepted() throws JwsException {
        // The control for every rejection below: same builder, correct header.
        String token = signed(header("EdDSA", TYPE, KID), PAYLOAD, PAIR.getPrivate());

        assertThat(CompactJws.parse(token, TYPE).verify(PAIR.getPublic())).isEqualTo(PAYLOAD);
    }

    @Test
    void emptyPayloadIsAllowed() throws JwsException {
        String token = CompactJws.sign(TYPE, KID, new byte[0], PAIR.getPrivate());

        assertThat(CompactJws.parse(token, TYPE).verify(PAIR.getPublic())).isEmpty();
    }

    @Test
    void keyIdOf128CharactersIsAccepted() throws JwsException {
        String kid = "k".repeat(128);

        assertThat(CompactJws.parse(CompactJws.sign(TYPE, kid, PAYLOAD, PAIR.getPrivate()), TYPE).header().kid()).isEqualTo(kid);
    }

    @Test
    void verifyJsonRoundTripsAProtocolRecord() throws JwsException {
        Instant now = Instant.parse("2025-03-01T12:00:00.123456789Z");
        Lease lease = new Lease("dev-1", 7, now, now.plusSeconds(900), now.plusSeconds(86_400), now.plusSeconds(4 * 86_400),
                3, "1.2.3", "activated", Duration.ofMinutes(15), List.of(new LeaseCommand(9, "lock", now)));

        String token = CompactJws.signJson(TYPE, KID, lease, PAIR.getPrivate());

        assertThat(CompactJws.verifyJson(token, TYPE, PAIR.getPublic(), Lease.class)).isEqualTo(lease);
    }

    // ---------------------------------------------------------------- signature and key

    @Test
    void verifyWithAnotherKeyFails() throws JwsException {
        CompactJws.Unverified unverified = CompactJws.parse(validToken(), TYPE);

        assertThatThrownBy(() -> unverified.verify(Ed25519.generate().getPublic())).isInstanceOf(JwsException.class);
    }

    @Test
    void verifyJsonRejectsATamperedPayloadThatIsStillValidJson() {
        LeaseCommand command = new LeaseCommand(1, "lock", Instant.EPOCH);
        String[] parts = parts(CompactJws.signJson(TYPE, KID, command, PAIR.getPrivate()));
        String tampered = parts[0] + "." + b64(json(new LeaseCommand(1, "wipe", Instant.EPOCH))) + "." + parts[2];

        assertThatThrownBy(() -> CompactJws.verifyJson(tampered, TYPE, PAIR.getPublic(), LeaseCommand.class))
                .isInstanceOf(JwsException.class);
    }

    @Test
    void signatureCannotBeMovedToAnotherTokensBody() {
        String[] a = parts(CompactJws.sign(TYPE, KID, "a".getBytes(StandardCharsets.UTF_8), PAIR.getPrivate()));
        String[] b = parts(CompactJws.sign(TYPE, KID, "b".getBytes(StandardCharsets.UTF_8), PAIR.getPrivate()));

        assertThatThrownBy(() -> CompactJws.parse(a[0] + "." + b[1] + "." + a[2], TYPE).verify(PAIR.getPublic()))
                .isInstanceOf(JwsException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 32, 63, 65, 128})
    void signatureOfTheWrongLengthIsRejectedByParse(int length) {
        String[] parts = parts(validToken());
        byte[] good = Base64.getUrlDecoder().decode(parts[2]);
        byte[] sig = Arrays.copyOf(good, length);
        if (length > good.length) {
            System.arraycopy(good, 0, sig, good.length, Math.min(good.length, length - good.length));
        }
        String token = parts[0] + "." + parts[1] + "." + b64(sig);

        assertThatThrownBy(() -> CompactJws.parse(token, TYPE)).isInstanceOf(JwsException.class).hasMessageContaining("signature");
    }

    // ---------------------------------------------------------------- type

    static Stream<Arguments> distinctTokenTypes() {
        List<String> types = List.of(TokenTypes.ENROLLMENT, TokenTypes.DEVICE_REQUEST, TokenTypes.LEASE,
                TokenTypes.PROVISIONING, TokenTypes.IMAGE_REF);
        return types.stream().flatMap(a -> types.stream().filter(b -> !a.equals(b)).map(b -> Arguments.of(a, b)));
    }

    @ParameterizedTest
    @MethodSource("distinctTokenTypes")
    void aTokenOfOneTypeIsNeverAcceptedAsAnother(String signedAs, String expected) {
        String token = CompactJws.sign(signedAs, KID, PAYLOAD, PAIR.getPrivate());

        assertThatThrownBy(() -> CompactJws.parse(token, expected)).isInstanceOf(JwsException.class).hasMessageContaining(expected);
    }

    @Test
    void typeComparisonIsExact() {
        String token = CompactJws.sign(TYPE.toUpperCase(), KID, PAYLOAD, PAIR.getPrivate());

        assertThatThrownBy(() -> CompactJws.parse(token, TYPE)).isInstanceOf(JwsException.class);
    }

    @Test
    void missingTypeIsRejected() {
        String token = signed("{\"alg\":\"EdDSA\",\"kid\":\"" + KID + "\"}", PAYLOAD, PAIR.getPrivate());

        assertThatThrownBy(() -> CompactJws.parse(token, TYPE)).isInstanceOf(JwsException.class);
    }

    // ---------------------------------------------------------------- algorithm

    @Test
    void algNoneWithoutSignatureIsRejected() {
        String token = b64(header("none", TYPE, KID)) + "." + b64(PAYLOAD) + ".";

        assertThatThrownBy(() -> CompactJws.parse(token, TYPE)).isInstanceOf(JwsException.class);
    }

    @Test
    void algNoneIsRejectedEvenWithAValidEd25519Signature() {
        String token = signed(header("none", TYPE, KID), PAYLOAD, PAIR.getPrivate());

        assertThatThrownBy(() -> CompactJws.parse(token, TYPE)).isInstanceOf(JwsException.class).hasMessageContaining("algorithm");
    }

    @Test
    void hs256KeyedWithThePublicKeyIsRejected() throws Exception {
        // The classic confusion attack: an HMAC keyed with the verifier's public key.
        String signingInput = b64(header("HS256", TYPE, KID)) + "." + b64(PAYLOAD);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Ed25519.rawPublicKey(PAIR.getPublic()), "HmacSHA256"));
        byte[] hmac = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        String token = signingInput + "." + b64(hmac);
        // Also with a full 64-byte tag, so that the length check alone cannot be what stops it.
        String doubled = signingInput + "." + b64(concat(hmac, hmac));

        assertThatThrownBy(() -> CompactJws.parse(token, TYPE)).isInstanceOf(JwsException.class);
        assertThatThrownBy(() -> CompactJws.parse(doubled, TYPE)).isInstanceOf(JwsException.class).hasMessageContaining("algorithm");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "none", "None", "eddsa", "EDDSA", "Ed25519", "ES256", "RS256", "EdDSA ", " EdDSA", ""})
    void anyAlgorithmOtherThanEdDsaIsRejectedEvenWhenTheSignatureIsValid(String alg) {
        String token = signed(header(alg, TYPE, KID), PAYLOAD, PAIR.getPrivate());

        assertThatThrownBy(() -> CompactJws.parse(token, TYPE)).isInstanceOf(JwsException.class).hasMessageContaining("algorithm");
    }

    @Test
    void missingAlgorithmIsRejected() {
        String token = signed("{\"typ\":\"" + TYPE + "\",\"kid\":\"" + KID + "\"}", PAYLOAD, PAIR.getPrivate());

        assertThatThrownBy(() -> CompactJws.parse(token, TYPE)).isInstanceOf(JwsException.class);
    }

    // ---------------------------------------------------------------- header shape

    @ParameterizedTest
    @ValueSource(strings = {
        "\"jwk\":{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"AAAA\"}",
        "\"crit\":[\"exp\"]",
        "\"jku\":\"https://attacker.example/keys\"",
        "\"x5u\":\"https://attacker.example/cert\"",
        "\"x5c\":[\"AAAA\"]",
        "\"cty\":\"JWT\"",
        "\"b64\":false",
        "\"zip\":\"DEF\"",
        "\"ALG\":\"none\"",
        "\"kid \":\"x\"",
        "\"exp\":0"})
    void headerWithAnyFieldBesidesAlgTypKidIsRejected(String extraField) {
        String json = "{\"alg\":\"EdDSA\",\"typ\":\"" + TYPE + "\",\"kid\":\"" + KID + "\"," + extraField + "}";
        String token = signed(json, PAYLOAD, PAIR.getPrivate());

        assertThatThrownBy(() -> CompactJws.parse(token, TYPE)).isInstanceOf(JwsException.class).hasMessageContaining("header");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"alg\":\"EdDSA\",\"typ\":\"%1$s\",\"kid\":\"%2$s\",\"kid\":\"someone-else\"}",
        "{\"alg\":\"EdDSA\",\"typ\":\"%1$s\",\"kid\":\"%2$s\",\"kid\":\"%2$s\"}",
        "{\"alg\":\"none\",\"alg\":\"EdDSA\",\"typ\":\"%1$s\",\"kid\":\"%2$s\"}",
        "{\"alg\":\"EdDSA\",\"typ\":\"other+jws\",\"typ\":\"%1$s\",\"kid\":\"%2$s\"}"})
    void headerWithADuplicateKeyIsRejected(String template) {
        String token = signed(template.formatted(TYPE, KID), PAYLOAD, PAIR.getPrivate());

        assertThatThrownBy(() -> CompactJws.parse(token, TYPE)).isInstanceOf(JwsException.class).hasMessageContaining("header");
    }

    static Stream<Named<String>> unusableKeyIds() {
        return Stream.of(
                Named.of("missing", "{\"alg\":\"EdDSA\",\"typ\":\"" + TYPE + "\"}"),
                Named.of("null", "{\"alg\":\"EdDSA\",\"typ\":\"" + TYPE + "\",\"kid\":null}"),
                Named.of("empty", header("EdDSA", TYPE, "")),
                Named.of("129 characters", header("EdDSA", TYPE, "k".repeat(129))));
    }

    @ParameterizedTest
    @MethodSource("unusableKeyIds")
    void headerWithoutAUsableKeyIdIsRejected(String headerJson) {
        String token = signed(headerJson, PAYLOAD, PAIR.getPrivate());

        assertThatThrownBy(() -> CompactJws.parse(token, TYPE)).isInstanceOf(JwsException.class).hasMessageContaining("key id");
    }

    @Test
    void signWithoutAKeyIdMakesATokenThatParseRejects() {
        String token = CompactJws.sign(TYPE, null, PAYLOAD, PAIR.getPrivate());

        assertThatThrownBy(() -> CompactJws.parse(token, TYPE)).isInstanceOf(JwsException.class).hasMessageContaining("key id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "[]", "\"EdDSA\"", "42", "{", "{}", "{\"alg\":\"EdDSA\"", "[{\"alg\":\"EdDSA\"}]",
        "{\"alg\":\"EdDSA\",\"typ\":\"workcell-lease+jws\",\"kid\":\"k\"} {}",
        "{\"alg\":[\"EdDSA\"],\"typ\":\"workcell-lease+jws\",\"kid\":\"k\"}",
        "{\"alg\":\"EdDSA\",\"typ\":\"workcell-lease+jws\",\"kid\":{\"a\":1}}"})
    void headerThatIsNotASingleFlatObjectIsRejected(String headerJson) {
        String token = signed(headerJson, PAYLOAD, PAIR.getPrivate());

        assertThatThrownBy(() -> CompactJws.parse(token, TYPE)).isInstanceOf(JwsException.class);
    }

    @Test
    void headerThatIsNotUtf8IsRejected() {
        byte[] bad = {'{', '"', 'a', 'l', 'g', '"', ':', '"', (byte) 0xc3, (byte) 0x28, '"', '}'};
        String token = signedParts(b64(bad), b64(PAYLOAD), PAIR.getPrivate());

        assertThatThrownBy(() -> CompactJws.parse(token, TYPE)).isInstanceOf(JwsException.class);
    }

    // ---------------------------------------------------------------- structure and encoding

    @Test
    void nullOrEmptyTokenIsRejected() {
        assertThatThrownBy(() -> CompactJws.parse(null, TYPE)).isInstanceOf(JwsException.class);
        assertThatThrownBy(() -> CompactJws.parse("", TYPE)).isInstanceOf(JwsException.class);
    }

    static Stream<Named<String>> wrongNumberOfParts() {
        String token = validToken();
        String[] p = parts(token);
        return Stream.of(
                Named.of("one part", p[0]),
                Named.of("two parts: header.payload", p[0] + "." + p[1]),
                Named.of("two parts: payload.signature", p[1] + "." + p[2]),
                Named.of("two parts, dots dropped", p[0] + p[1] + "." + p[2]),
                Named.of("four parts: signature repeated", token + "." + p[2]),
                Named.of("four parts: trailing dot", token + "."),
                Named.of("four parts: leading dot", "." + token),
                Named.of("four parts: doubled dot", p[0] + ".." + p[1] + "." + p[2]),
                Named.of("only dots", ".."),
                Named.of("five parts (JWE-like)", token + "." + p[1] + "." + p[2]));
    }

    @ParameterizedTest
    @MethodSource("wrongNumberOfParts")
    void tokenWithOtherThanThreePartsIsRejected(String token) {
        assertThatThrownBy(() -> CompactJws.parse(token, TYPE)).isInstanceOf(JwsException.class);
    }

    @Test
    void extraPartsAreReportedAsSuchRatherThanAsBadBase64() {
        String token = validToken();

        assertThatThrownBy(() -> CompactJws.parse(token + "." + parts(token)[2], TYPE))
                .isInstanceOf(JwsException.class).hasMessageContaining("exactly three");
        assertThatThrownBy(() -> CompactJws.parse(parts(token)[0] + "." + parts(token)[1], TYPE))
                .isInstanceOf(JwsException.class).hasMessageContaining("exactly three");
    }

    @Test
    void paddedHeaderIsRejectedEvenWhenSignedAsIs() throws JwsException {
        String header = headerPartWithUnusedBits();
        assertThat(CompactJws.parse(signedParts(header, b64(PAYLOAD), PAIR.getPrivate()), TYPE)).isNotNull();

        String token = signedParts(Tokens.padded(header), b64(PAYLOAD), PAIR.getPrivate());

        assertThatThrownBy(() -> CompactJws.parse(token, TYPE)).isInstanceOf(JwsException.class).hasMessageContaining("padded");
    }

    @Test
    void paddedPayloadIsRejectedEvenWhenSignedAsIs() {
        String payload = b64(new byte[] {1, 2, 3, 4}); // 6 characters: takes "=="
        String token = signedParts(b64(header("EdDSA", TYPE, KID)), Tokens.padded(payload), PAIR.getPrivate());

        assertThatThrownBy(() -> CompactJws.parse(token, TYPE)).isInstanceOf(JwsException.class).hasMessageContaining("padded");
    }

    @Test
    void paddedSignatureIsRejected() {
        String[] p = parts(validToken());
        String token = p[0] + "." + p[1] + "." + Tokens.padded(p[2]);

        assertThatThrownBy(() -> CompactJws.parse(token, TYPE)).isInstanceOf(JwsException.class).hasMessageContaining("padded");
    }

    @Test
    void headerWithTrailingBitsSetIsRejectedEvenWhenSignedAsIs() {
        String header = headerPartWithUnusedBits();
        String altered = Tokens.withTrailingBitsSet(header);
        assertThat(Base64.getUrlDecoder().decode(altered)).as("same bytes, other spelling")
                .isEqualTo(Base64.getUrlDecoder().decode(header));
        String token = signedParts(altered, b64(PAYLOAD), PAIR.getPrivate());

        assertThatThrownBy(() -> CompactJws.parse(token, TYPE)).isInstanceOf(JwsException.class).hasMessageContaining("canonical");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 5, 31})
    void payloadWithTrailingBitsSetIsRejectedEvenWhenSignedAsIs(int payloadBytes) {
        byte[] payload = new byte[payloadBytes];
        Arrays.fill(payload, (byte) 'x');
        String altered = Tokens.withTrailingBitsSet(b64(payload));
        assertThat(Base64.getUrlDecoder().decode(altered)).isEqualTo(payload);
        String token = signedParts(b64(header("EdDSA", TYPE, KID)), altered, PAIR.getPrivate());

        assertThatThrownBy(() -> CompactJws.parse(token, TYPE)).isInstanceOf(JwsException.class).hasMessageContaining("canonical");
    }

    @Test
    void signatureWithTrailingBitsSetIsRejected() {
        String[] p = parts(validToken());
        String altered = Tokens.withTrailingBitsSet(p[2]);
        assertThat(Base64.getUrlDecoder().decode(altered)).isEqualTo(Base64.getUrlDecoder().decode(p[2]));
        // The signature bytes are unchanged, so only the spelling check can stop it.
        assertThat(Ed25519.verify(PAIR.getPublic(), (p[0] + "." + p[1]).getBytes(StandardCharsets.US_ASCII),
                Base64.getUrlDecoder().decode(altered))).isTrue();
        String token = p[0] + "." + p[1] + "." + altered;

        assertThatThrownBy(() -> CompactJws.parse(token, TYPE)).isInstanceOf(JwsException.class).hasMessageContaining("canonical");
    }

    @Test
    void standardBase64AlphabetIsRejected() {
        byte[] payload = {(byte) 0xfb, (byte) 0xff, (byte) 0xbf}; // base64url "-_-_", standard "+/+/"
        assertThat(b64(payload)).isEqualTo("-_-_");
        String token = signedParts(b64(header("EdDSA", TYPE, KID)), "+/+/", PAIR.getPrivate());

        assertThatThrownBy(() -> CompactJws.parse(token, TYPE)).isInstanceOf(JwsException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "\n", "\r\n", "\t"})
    void whitespaceAnywhereIsRejected(String space) {
        String token = validToken();
        String[] p = parts(token);

        assertThatThrownBy(() -> CompactJws.parse(token + space, TYPE)).isInstanceOf(JwsException.class);
        assertThatThrownBy(() -> CompactJws.parse(space + token, TYPE)).isInstanceOf(JwsException.class);
        assertThatThrownBy(() -> CompactJws.parse(p[0] + "." + p[1].substring(0, 4) + space + p[1].substring(4) + "." + p[2], TYPE))
                .isInstanceOf(JwsException.class);
    }

    @Test
    void tokenOfExactlyMaxTokenCharsIsAcceptedAndOneMoreIsRejected() throws JwsException {
        String atLimit = validTokenOfLength(CompactJws.MAX_TOKEN_CHARS);
        String overLimit = validTokenOfLength(CompactJws.MAX_TOKEN_CHARS + 1);
        assertThat(atLimit).hasSize(CompactJws.MAX_TOKEN_CHARS);
        assertThat(overLimit).hasSize(CompactJws.MAX_TOKEN_CHARS + 1);

        assertThat(CompactJws.parse(atLimit, TYPE).verify(PAIR.getPublic())).isNotEmpty();
        assertThatThrownBy(() -> CompactJws.parse(overLimit, TYPE)).isInstanceOf(JwsException.class)
                .hasMessageContaining("longer than " + CompactJws.MAX_TOKEN_CHARS);
    }

    @Test
    void hugeGarbageIsRejectedByLengthBeforeAnythingElse() {
        String garbage = "A".repeat(CompactJws.MAX_TOKEN_CHARS * 2);

        assertThatThrownBy(() -> CompactJws.parse(garbage, TYPE)).isInstanceOf(JwsException.class).hasMessageContaining("longer");
    }

    // ---------------------------------------------------------------- payload reading

    @Test
    void verifyJsonRejectsAValidlySignedPayloadWithAnUnknownField() {
        String json = "{\"id\":1,\"type\":\"lock\",\"issuedAt\":\"2025-01-01T00:00:00Z\",\"admin\":true}";
        String token = CompactJws.sign(TYPE, KID, json.getBytes(StandardCharsets.UTF_8), PAIR.getPrivate());

        assertThatThrownBy(() -> CompactJws.verifyJson(token, TYPE, PAIR.getPublic(), LeaseCommand.class))
                .isInstanceOf(JwsException.class)
                .hasMessageContaining("LeaseCommand")
                .hasMessageContaining("admin");
    }

    @Test
    void verifyJsonChecksTheTypeBeforeReadingThePayload() {
        String token = CompactJws.signJson(TokenTypes.IMAGE_REF, KID, new LeaseCommand(1, "lock", Instant.EPOCH), PAIR.getPrivate());

        assertThatThrownBy(() -> CompactJws.verifyJson(token, TYPE, PAIR.getPublic(), LeaseCommand.class))
                .isInstanceOf(JwsException.class).hasMessageContaining(TYPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"id\":1,\"type\":\"lock\",\"issuedAt\":null,\"extra\":1}",
        "{\"id\":1,\"type\":\"lock\",\"type\":\"wipe\",\"issuedAt\":null}",
        "{\"id\":1,\"type\":\"lock\",\"issuedAt\":null} {}",
        "{\"id\":null,\"type\":\"lock\",\"issuedAt\":null}",
        "{\"id\":\"one\",\"type\":\"lock\",\"issuedAt\":null}",
        "{\"id\":1,\"type\":\"lock\",\"issuedAt\":\"yesterday\"}",
        "[1,\"lock\",null]",
        "not json",
        ""})
    void readPayloadRejectsAnythingButExactlyTheRecord(String json) {
        assertThatThrownBy(() -> CompactJws.readPayload(json.getBytes(StandardCharsets.UTF_8), LeaseCommand.class))
                .isInstanceOf(JwsException.class)
                .hasMessageStartingWith("payload is not a valid LeaseCommand")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aSignedJsonNullIsNotAValidPayload() {
        String token = CompactJws.sign(TYPE, KID, "null".getBytes(StandardCharsets.UTF_8), PAIR.getPrivate());

        assertThatThrownBy(() -> CompactJws.verifyJson(token, TYPE, PAIR.getPublic(), LeaseCommand.class))
                .isInstanceOf(JwsException.class).hasMessageContaining("LeaseCommand");
        assertThatThrownBy(() -> CompactJws.readPayload(" null ".getBytes(StandardCharsets.UTF_8), Lease.class))
                .isInstanceOf(JwsException.class);
    }

    @Test
    void readPayloadAcceptsTheExactRecord() throws JwsException {
        String json = "{\"id\":1,\"type\":\"lock\",\"issuedAt\":\"2025-01-01T00:00:00Z\"}";

        assertThat(CompactJws.readPayload(json.getBytes(StandardCharsets.UTF_8), LeaseCommand.class))
                .isEqualTo(new LeaseCommand(1, "lock", Instant.parse("2025-01-01T00:00:00Z")));
    }

    // ---------------------------------------------------------------- helpers

    /** An encoded header whose length is not a multiple of four, so that it has unused bits. */
    private static String headerPartWithUnusedBits() {
        for (int n = 1; ; n++) {
            String part = b64(header("EdDSA", TYPE, "k".repeat(n)));
            if (part.length() % 4 != 0) {
                return part;
            }
        }
    }

    /** A correctly signed token of exactly {@code length} characters, reached by sizing kid and payload. */
    private static String validTokenOfLength(int length) {
        int signatureChars = b64(new byte[Ed25519.SIGNATURE_BYTES]).length();
        for (int kidLength = 1; kidLength <= 16; kidLength++) {
            String header = b64(header("EdDSA", TYPE, "k".repeat(kidLength)));
            int payloadChars = length - header.length() - signatureChars - 2;
            int payloadBytes = switch (payloadChars % 4) {
                case 0 -> payloadChars / 4 * 3;
                case 2 -> payloadChars / 4 * 3 + 1;
                case 3 -> payloadChars / 4 * 3 + 2;
                default -> -1;
            };
            if (payloadBytes >= 0) {
                byte[] payload = new byte[payloadBytes];
                Arrays.fill(payload, (byte) 'p');
                return signedParts(header, b64(payload), PAIR.getPrivate());
            }
        }
        throw new AssertionError("no token of length " + length);
    }

    private static byte[] json(Object value) {
        return org.workcell.core.json.Json.write(value);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
