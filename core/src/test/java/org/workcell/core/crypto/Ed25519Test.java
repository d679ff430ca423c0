package org.workcell.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class Ed25519Test {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] DATA = "lease for device 42".getBytes(StandardCharsets.UTF_8);

    // RFC 8032, section 7.1, TEST 1 and TEST 2: known answers from outside this code base.
    private static final String RFC_SECRET_1 = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    private static final String RFC_PUBLIC_1 = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private static final String RFC_MESSAGE_1 = "";
    private static final String RFC_SIGNATURE_1 = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
    private static final String RFC_SECRET_2 = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";
    private static final String RFC_PUBLIC_2 = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";
    private static final String RFC_MESSAGE_2 = "72";
    private static final String RFC_SIGNATURE_2 = "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00";

    @Test
    void rawPublicKeyIsThe32ByteRfc8032EncodingOfThePoint() {
        KeyPair pair = Ed25519.generate();
        EdECPublicKey key = (EdECPublicKey) pair.getPublic();

        // RFC 8032 5.1.2: y little-endian, the top bit of the last byte is the parity of x.
        byte[] expected = new byte[32];
        byte[] y = key.getPoint().getY().toByteArray();
        for (int i = 0; i < y.length && i < 32; i++) {
            expected[i] = y[y.length - 1 - i];
        }
        if (key.getPoint().isXOdd()) {
            expected[31] |= (byte) 0x80;
        }

        assertThat(Ed25519.rawPublicKey(pair.getPublic())).hasSize(Ed25519.PUBLIC_KEY_BYTES).containsExactly(expected);
    }

    @Test
    void rawPublicKeyRoundTripsThroughPublicKeyFromRaw() throws Exception {
        KeyPair pair = Ed25519.generate();
        byte[] raw = Ed25519.rawPublicKey(pair.getPublic());

        PublicKey decoded = Ed25519.publicKeyFromRaw(raw);

        assertThat(decoded.getEncoded()).isEqualTo(pair.getPublic().getEncoded());
        assertThat(Ed25519.rawPublicKey(decoded)).isEqualTo(raw);
        assertThat(Ed25519.verify(decoded, DATA, Ed25519.sign(pair.getPrivate(), DATA))).isTrue();
    }

    @Test
    void publicKeyFromRawDoesNotKeepAReferenceToTheCallersArray() throws Exception {
        KeyPair pair = Ed25519.generate();
        byte[] raw = Ed25519.rawPublicKey(pair.getPublic());
        PublicKey decoded = Ed25519.publicKeyFromRaw(raw);

        raw[0] ^= 1;

        assertThat(decoded.getEncoded()).isEqualTo(pair.getPublic().getEncoded());
    }

    @Test
    void base64FormIsUnpaddedBase64UrlOfTheRawKeyAndRoundTrips() throws Exception {
        KeyPair pair = Ed25519.generate();

        String text = Ed25519.publicKeyToBase64(pair.getPublic());

        assertThat(text).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(Base64.getUrlDecoder().decode(text)).isEqualTo(Ed25519.rawPublicKey(pair.getPublic()));
        assertThat(Ed25519.publicKeyFromBase64(text).getEncoded()).isEqualTo(pair.getPublic().getEncoded());
    }

    @Test
    void keyIdIsStableForTheSameKeyEvenAfterReencoding() throws Exception {
        KeyPair pair = Ed25519.generate();
        PublicKey again = Ed25519.publicKeyFromBase64(Ed25519.publicKeyToBase64(pair.getPublic()));

        assertThat(Ed25519.keyId(pair.getPublic()))
                .isEqualTo(Ed25519.keyId(pair.getPublic()))
                .isEqualTo(Ed25519.keyId(again));
    }

    @Test
    void keyIdIsTheDocumentedTruncatedSha256OfTheRawKey() throws Exception {
        KeyPair pair = Ed25519.generate();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Ed25519.rawPublicKey(pair.getPublic()));
        String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));

        assertThat(Ed25519.keyId(pair.getPublic())).isEqualTo(expected).hasSize(22);
    }

    @Test
    void keyIdsOfDifferentKeysAreDistinct() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            ids.add(Ed25519.keyId(Ed25519.generate().getPublic()));
        }
        assertThat(ids).hasSize(200);
    }

    @Test
    void signatureMadeWithPrivateKeyVerifiesWithItsPublicKey() {
        KeyPair pair = Ed25519.generate();

        byte[] signature = Ed25519.sign(pair.getPrivate(), DATA);

        assertThat(signature).hasSize(Ed25519.SIGNATURE_BYTES);
        assertThat(Ed25519.verify(pair.getPublic(), DATA, signature)).isTrue();
    }

    @Test
    void signingIsDeterministic() {
        KeyPair pair = Ed25519.generate();

        assertThat(Ed25519.sign(pair.getPrivate(), DATA)).isEqualTo(Ed25519.sign(pair.getPrivate(), DATA));
    }

    @Test
    void verifyRejectsAFlippedBitInTheData() {
        KeyPair pair = Ed25519.generate();
        byte[] signature = Ed25519.sign(pair.getPrivate(), DATA);

        for (int bit = 0; bit < DATA.length * 8; bit++) {
            byte[] tampered = DATA.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(Ed25519.verify(pair.getPublic(), tampered, signature)).as("bit %d", bit).isFalse();
        }
    }

    @Test
    void verifyRejectsAFlippedBitInTheSignature() {
        KeyPair pair = Ed25519.generate();
        byte[] signature = Ed25519.sign(pair.getPrivate(), DATA);

        for (int bit = 0; bit < signature.length * 8; bit++) {
            byte[] tampered = signature.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(Ed25519.verify(pair.getPublic(), DATA, tampered)).as("bit %d", bit).isFalse();
        }
    }

    @Test
    void verifyRejectsASignatureFromAnotherKey() {
        KeyPair signer = Ed25519.generate();
        KeyPair other = Ed25519.generate();

        byte[] signature = Ed25519.sign(signer.getPrivate(), DATA);

        assertThat(Ed25519.verify(other.getPublic(), DATA, signature)).isFalse();
    }

    @Test
    void verifyRejectsASignatureOfOtherData() {
        KeyPair pair = Ed25519.generate();

        byte[] signature = Ed25519.sign(pair.getPrivate(), "other data".getBytes(StandardCharsets.UTF_8));

        assertThat(Ed25519.verify(pair.getPublic(), DATA, signature)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 32, 63, 65, 128})
    void verifyRejectsSignaturesOfTheWrongLength(int length) {
        KeyPair pair = Ed25519.generate();
        byte[] good = Ed25519.sign(pair.getPrivate(), DATA);
        // Keep the good signature as a prefix, so only the length is wrong.
        byte[] wrong = Arrays.copyOf(good, length);
        if (length > good.length) {
            System.arraycopy(good, 0, wrong, good.length, Math.min(good.length, length - good.length));
        }

        assertThat(Ed25519.verify(pair.getPublic(), DATA, wrong)).isFalse();
    }

    @Test
    void verifyRejectsANullSignature() {
        assertThat(Ed25519.verify(Ed25519.generate().getPublic(), DATA, null)).isFalse();
    }

    @Test
    void verifyMatchesRfc8032TestVectors() throws Exception {
        assertThat(Ed25519.verify(Ed25519.publicKeyFromRaw(HEX.parseHex(RFC_PUBLIC_1)),
                HEX.parseHex(RFC_MESSAGE_1), HEX.parseHex(RFC_SIGNATURE_1))).isTrue();
        assertThat(Ed25519.verify(Ed25519.publicKeyFromRaw(HEX.parseHex(RFC_PUBLIC_2)),
                HEX.parseHex(RFC_MESSAGE_2), HEX.parseHex(RFC_SIGNATURE_2))).isTrue();
        // The vectors are not interchangeable.
        assertThat(Ed25519.verify(Ed25519.publicKeyFromRaw(HEX.parseHex(RFC_PUBLIC_1)),
                HEX.parseHex(RFC_MESSAGE_2), HEX.parseHex(RFC_SIGNATURE_2))).isFalse();
    }

    @Test
    void signMatchesRfc8032TestVectors() throws Exception {
        assertThat(HEX.formatHex(Ed25519.sign(rfcPrivateKey(RFC_SECRET_1), HEX.parseHex(RFC_MESSAGE_1))))
                .isEqualTo(RFC_SIGNATURE_1);
        assertThat(HEX.formatHex(Ed25519.sign(rfcPrivateKey(RFC_SECRET_2), HEX.parseHex(RFC_MESSAGE_2))))
                .isEqualTo(RFC_SIGNATURE_2);
    }

    @Test
    void rfc8032PublicKeyRoundTripsThroughRawAndBase64() throws Exception {
        PublicKey key = Ed25519.publicKeyFromRaw(HEX.parseHex(RFC_PUBLIC_1));

        assertThat(HEX.formatHex(Ed25519.rawPublicKey(key))).isEqualTo(RFC_PUBLIC_1);
        assertThat(Ed25519.publicKeyToBase64(key))
                .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(HEX.parseHex(RFC_PUBLIC_1)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 31, 33, 44, 64})
    void publicKeyFromRawRejectsWrongLengths(int length) {
        byte[] raw = Arrays.copyOf(HEX.parseHex(RFC_PUBLIC_1), length);

        assertThatThrownBy(() -> Ed25519.publicKeyFromRaw(raw)).isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void publicKeyFromRawRejectsNull() {
        assertThatThrownBy(() -> Ed25519.publicKeyFromRaw(null)).isInstanceOf(InvalidKeyException.class);
    }

    static Stream<String> notBase64UrlEd25519Keys() {
        byte[] raw = HEX.parseHex(RFC_PUBLIC_1);
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String good = url.encodeToString(raw);
        return Stream.of(
                "", "!!!", "not a key", "A", "====",
                url.encodeToString(Arrays.copyOf(raw, 31)),
                url.encodeToString(Arrays.copyOf(raw, 33)),
                url.encodeToString(Arrays.copyOf(raw, 64)),
                good.substring(1),
                good + "A",
                good + "\n",
                " " + good,
                good.substring(0, 20) + "*" + good.substring(21),
                // The standard alphabet's '+' and '/' are not base64url.
                Base64.getEncoder().encodeToString(HEX.parseHex("fbff" + RFC_PUBLIC_1.substring(4))));
    }

    @ParameterizedTest
    @MethodSource("notBase64UrlEd25519Keys")
    void publicKeyFromBase64RejectsGarbageAndWrongLengths(String text) {
        assertThatThrownBy(() -> Ed25519.publicKeyFromBase64(text)).isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void publicKeyFromBase64RejectsNull() {
        assertThatThrownBy(() -> Ed25519.publicKeyFromBase64(null)).isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void publicKeyFromBase64AcceptsTheRfcKeyInUrlAlphabet() throws Exception {
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(HEX.parseHex(RFC_PUBLIC_1));

        assertThat(Ed25519.rawPublicKey(Ed25519.publicKeyFromBase64(text))).isEqualTo(HEX.parseHex(RFC_PUBLIC_1));
    }

    @Test
    void rawPublicKeyRejectsKeysOfOtherAlgorithms() throws Exception {
        PublicKey ed448 = KeyPairGenerator.getInstance("Ed448").generateKeyPair().getPublic();
        PublicKey ec = KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic();
        PublicKey x25519 = KeyPairGenerator.getInstance("X25519").generateKeyPair().getPublic();

        assertThatThrownBy(() -> Ed25519.rawPublicKey(ed448)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ed25519.rawPublicKey(ec)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ed25519.rawPublicKey(x25519)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ed25519.keyId(x25519)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signRejectsPrivateKeysOfOtherAlgorithms() throws Exception {
        PrivateKey ed448 = KeyPairGenerator.getInstance("Ed448").generateKeyPair().getPrivate();
        PrivateKey ec = KeyPairGenerator.getInstance("EC").generateKeyPair().getPrivate();
        PrivateKey x25519 = KeyPairGenerator.getInstance("X25519").generateKeyPair().getPrivate();

        assertThatThrownBy(() -> Ed25519.sign(ed448, DATA)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ed25519.sign(ec, DATA)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ed25519.sign(x25519, DATA)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signingWithManyKeysUsesEachKeysOwnPublicHalf() {
        // Signing caches derived public keys; a mix-up would make signatures fail under their own key.
        List<KeyPair> pairs = java.util.stream.IntStream.range(0, 20).mapToObj(i -> Ed25519.generate()).toList();
        for (int round = 0; round < 2; round++) {
            for (KeyPair pair : pairs) {
                assertThat(Ed25519.verify(pair.getPublic(), DATA, Ed25519.sign(pair.getPrivate(), DATA))).isTrue();
            }
        }
    }

    @Test
    void verifyWithAKeyOfAnotherAlgorithmIsFalseNotAnException() throws Exception {
        PublicKey ed448 = KeyPairGenerator.getInstance("Ed448").generateKeyPair().getPublic();
        byte[] signature = Ed25519.sign(Ed25519.generate().getPrivate(), DATA);

        assertThat(Ed25519.verify(ed448, DATA, signature)).isFalse();
    }

    private static PrivateKey rfcPrivateKey(String secretHex) throws Exception {
        return KeyFactory.getInstance("Ed25519")
                .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, HEX.parseHex(secretHex)));
    }
}
