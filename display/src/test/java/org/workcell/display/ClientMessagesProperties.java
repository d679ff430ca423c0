package org.workcell.display;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** The server's parser of what browsers send: every valid message comes back, anything else is a DisplayProtocolException. */
class ClientMessagesProperties {

    @Property(tries = 2000)
    void validMessagesRoundTrip(@ForAll long seed) {
        ClientMessage m = TestMessages.randomClient(new Random(seed));
        byte[] bytes = ClientMessages.encode(m);
        assertThat(bytes.length).isLessThanOrEqualTo(DisplayProtocol.MAX_CLIENT_MESSAGE_BYTES);
        assertThat(ClientMessages.parse(bytes)).isEqualTo(m);
    }

    @Property(tries = 3000)
    void randomBytesParseToTheirOwnEncodingOrAreRefused(@ForAll @Size(max = 5000) byte[] bytes) {
        parsesCanonicallyOrRefuses(bytes);
    }

    /** Random bytes rarely start with a known type; these always do, with plausible lengths. */
    @Property(tries = 3000)
    void randomBodiesOfEveryTypeParseToTheirOwnEncodingOrAreRefused(@ForAll long seed) {
        Random r = new Random(seed);
        byte[] bytes = new byte[1 + r.nextInt(12)];
        r.nextBytes(bytes);
        bytes[0] = (byte) (0x81 + r.nextInt(7));
        parsesCanonicallyOrRefuses(bytes);
    }

    @Property(tries = 5000)
    void mutatedMessagesParseToTheirOwnEncodingOrAreRefused(@ForAll long seed) {
        Random r = new Random(seed);
        parsesCanonicallyOrRefuses(TestMessages.mutate(r, ClientMessages.encode(TestMessages.randomClient(r))));
    }

    @Property(tries = 500)
    void everyShorterAndEveryLongerMessageIsRefused(@ForAll long seed) {
        Random r = new Random(seed);
        byte[] valid = ClientMessages.encode(TestMessages.randomClient(r));
        for (int length = 0; length < valid.length; length++) {
            byte[] cut = Arrays.copyOf(valid, length);
            assertThatThrownBy(() -> ClientMessages.parse(cut)).isInstanceOf(DisplayProtocolException.class);
        }
        byte[] longer = Arrays.copyOf(valid, valid.length + 1 + r.nextInt(3));
        assertThatThrownBy(() -> ClientMessages.parse(longer)).isInstanceOf(DisplayProtocolException.class);
    }

    /** Accepted bytes must be exactly what encoding the parsed message gives: nothing ignored, no second spelling. */
    private static void parsesCanonicallyOrRefuses(byte[] bytes) {
        ClientMessage m;
        try {
            m = ClientMessages.parse(bytes);
        } catch (DisplayProtocolException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        } catch (RuntimeException e) {
            fail("parse threw " + e + " for " + java.util.HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 64)), e);
            return;
        }
        assertThat(ClientMessages.encode(m)).isEqualTo(bytes);
    }
}
