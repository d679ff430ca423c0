package org.workcell.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class Ed25519Properties {
    // Key generation is cheap, but one pair is enough for properties about data and signatures.
    private static final KeyPair PAIR = Ed25519.generate();
    private static final KeyPair OTHER = Ed25519.generate();

    @Property(tries = 300)
    void everySignatureVerifiesWithItsOwnKeyOnly(@ForAll @Size(max = 2048) byte[] data) {
        byte[] signature = Ed25519.sign(PAIR.getPrivate(), data);

        assertThat(Ed25519.verify(PAIR.getPublic(), data, signature)).isTrue();
        assertThat(Ed25519.verify(OTHER.getPublic(), data, signature)).isFalse();
    }

    @Property(tries = 300)
    void anyFlippedBitInTheDataBreaksTheSignature(
            @ForAll @Size(min = 1, max = 512) byte[] data, @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int where) {
        byte[] signature = Ed25519.sign(PAIR.getPrivate(), data);
        int bit = where % (data.length * 8);
        byte[] tampered = data.clone();
        tampered[bit / 8] ^= (byte) (1 << (bit % 8));

        assertThat(Ed25519.verify(PAIR.getPublic(), tampered, signature)).isFalse();
    }

    @Property(tries = 300)
    void anyFlippedBitInTheSignatureBreaksIt(
            @ForAll @Size(max = 512) byte[] data, @ForAll @IntRange(min = 0, max = Ed25519.SIGNATURE_BYTES * 8 - 1) int bit) {
        byte[] signature = Ed25519.sign(PAIR.getPrivate(), data);
        signature[bit / 8] ^= (byte) (1 << (bit % 8));

        assertThat(Ed25519.verify(PAIR.getPublic(), data, signature)).isFalse();
    }

    @Property(tries = 300)
    void randomSignaturesNeverVerifyAndNeverThrow(@ForAll @Size(max = 128) byte[] data, @ForAll("signatureLike") byte[] signature) {
        assertThat(Ed25519.verify(PAIR.getPublic(), data, signature)).isFalse();
    }

    @Property(tries = 1000)
    void publicKeyFromRawOnlyEverThrowsInvalidKeyException(@ForAll("keyLike") byte[] raw) {
        PublicKey key;
        try {
            key = Ed25519.publicKeyFromRaw(raw);
        } catch (InvalidKeyException expected) {
            return;
        } catch (RuntimeException e) {
            throw new AssertionError("publicKeyFromRaw threw " + e + " for " + Arrays.toString(raw), e);
        }
        // Accepted: it must have been exactly 32 bytes, and must come back out unchanged.
        assertThat(raw).hasSize(Ed25519.PUBLIC_KEY_BYTES);
        assertThat(Ed25519.rawPublicKey(key)).isEqualTo(raw);
        assertThat(Ed25519.keyId(key)).hasSize(22);
    }

    @Property(tries = 300)
    void verifyingWithAnArbitraryDecodedKeyNeverThrows(
            @ForAll @Size(value = Ed25519.PUBLIC_KEY_BYTES) byte[] raw, @ForAll @Size(max = 64) byte[] data) {
        PublicKey key;
        try {
            key = Ed25519.publicKeyFromRaw(raw);
        } catch (InvalidKeyException rejected) {
            return;
        }
        byte[] signature = Ed25519.sign(PAIR.getPrivate(), data);

        assertThat(Ed25519.verify(key, data, signature)).isFalse();
    }

    @Property(tries = 1000)
    void publicKeyFromBase64OnlyEverThrowsInvalidKeyException(@ForAll("base64Like") String text) {
        PublicKey key;
        try {
            key = Ed25519.publicKeyFromBase64(text);
        } catch (InvalidKeyException expected) {
            return;
        } catch (RuntimeException e) {
            fail("publicKeyFromBase64 threw " + e + " for '" + text + "'", e);
            return;
        }
        assertThat(Base64.getUrlDecoder().decode(text)).isEqualTo(Ed25519.rawPublicKey(key));
    }

    @Provide
    Arbitrary<byte[]> keyLike() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofSize(Ed25519.PUBLIC_KEY_BYTES),
                Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(70),
                Arbitraries.just((byte[]) null));
    }

    @Provide
    Arbitrary<byte[]> signatureLike() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofSize(Ed25519.SIGNATURE_BYTES),
                Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(130));
    }

    @Provide
    Arbitrary<String> base64Like() {
        Arbitrary<String> urlAlphabet = Arbitraries.strings()
                .withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
                .ofMinLength(0).ofMaxLength(60);
        Arbitrary<String> exactKeyLength = Arbitraries.strings()
                .withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
                .ofLength(43);
        Arbitrary<String> withJunk = Arbitraries.strings()
                .withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/= \n.%")
                .ofMinLength(0).ofMaxLength(60);
        Arbitrary<String> anything = Arbitraries.strings().all().ofMaxLength(60);
        Arbitrary<String> encodedBytes = Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(48)
                .map(b -> Base64.getUrlEncoder().withoutPadding().encodeToString(b));
        return Arbitraries.oneOf(urlAlphabet, exactKeyLength, withJunk, anything, encodedBytes,
                Arbitraries.just((String) null));
    }
}
