package org.workcell.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.workcell.core.crypto.Ed25519;
import org.workcell.core.jws.CompactJws;
import org.workcell.core.jws.JwsException;

class ManifestProperties {
    private static final KeyPair KEY = Ed25519.generate();
    private static final ImageManifest MANIFEST = new ImageManifest("phone@1.0", "phone", "1.0", 4, 123_456, "ab".repeat(32),
            "cd".repeat(32), 3, new ImageManifest.Display(1080, 2400, 420), "build 1", List.of("org.workcell.mail"),
            Instant.parse("2025-01-01T00:00:00Z"), false);
    private static final String TOKEN = CompactJws.signJson(ImageManifest.TOKEN_TYPE, Ed25519.keyId(KEY.getPublic()), MANIFEST,
            KEY.getPrivate());

    @Property(tries = 1000)
    void anyStringIsAManifestOnlyIfSignedOrAJwsException(@ForAll String token) {
        try {
            ImageReader.verifyManifest(token, KEY.getPublic());
            throw new AssertionError("accepted " + token);
        } catch (JwsException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 2000)
    void aChangedTokenIsRefusedOrReadsAsTheSameManifest(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int edits) {
        Random random = new Random(seed);
        char[] chars = TOKEN.toCharArray();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=";
        for (int i = 0; i < edits; i++) {
            chars[random.nextInt(chars.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        String changed = new String(chars);
        try {
            // Only a no-op edit (a character replaced by itself) may verify, and then it says the same.
            assertThat(ImageReader.verifyManifest(changed, KEY.getPublic())).isEqualTo(MANIFEST);
            assertThat(changed).isEqualTo(TOKEN);
        } catch (JwsException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
