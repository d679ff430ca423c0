package org.workcell.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.workcell.core.json.Json;

/** The protocol records survive the wire: JSON written by one side reads back equal on the other. */
class ProtocolProperties {

    @Provide
    Arbitrary<Instant> instants() {
        return Combinators.combine(Arbitraries.longs().between(-62_000_000_000L, 250_000_000_000L),
                Arbitraries.integers().between(0, 999_999_999)).as(Instant::ofEpochSecond);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(30), Arbitraries.just((String) null));
    }

    @Provide
    Arbitrary<LeaseCommand> commands() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.of(CommandType.values()).map(CommandType::wireName), instants())
                .as(LeaseCommand::new);
    }

    record Head(String deviceId, long sequence, Instant issuedAt, Instant renewBy, Instant disableAt, Instant wipeAt) {}

    @Provide
    Arbitrary<Lease> leases() {
        Arbitrary<Head> heads = Combinators.combine(texts(), Arbitraries.longs(), instants(), instants(), instants(), instants())
                .as(Head::new);
        return Combinators.combine(heads, Arbitraries.longs(), texts(), texts(),
                        Arbitraries.longs().between(0, 86_400L * 365).map(Duration::ofSeconds), commands().list().ofMaxSize(4))
                .as((h, policyVersion, image, state, interval, commands) -> new Lease(h.deviceId(), h.sequence(), h.issuedAt(),
                        h.renewBy(), h.disableAt(), h.wipeAt(), policyVersion, image, state, interval, commands));
    }

    @Property(tries = 300)
    void leaseJsonRoundTrip(@ForAll("leases") Lease lease) throws IOException {
        assertThat(Json.read(Json.write(lease), Lease.class)).isEqualTo(lease);
    }

    @Property(tries = 200)
    void provisioningBundleJsonRoundTrip(@ForAll("texts") String user, @ForAll("instants") Instant issuedAt) throws IOException {
        ProvisioningBundle bundle = new ProvisioningBundle("dev-1", issuedAt, user, "sales", "a.b.c", 4, PolicySettings.defaults(),
                List.of(new AppAssignment("com.example.mail", "Mail", "2.1", "ab".repeat(32), 1234)));

        assertThat(Json.read(Json.write(bundle), ProvisioningBundle.class)).isEqualTo(bundle);
    }

    @Property(tries = 200)
    void enrollmentMessagesJsonRoundTrip(@ForAll("texts") String code, @ForAll("instants") Instant at) throws IOException {
        EnrollmentRequest request = new EnrollmentRequest(code, "key", new DeviceInfo("Pixel", "Android 15", "hash", "0.1"), at);
        EnrollmentResponse response = new EnrollmentResponse("dev-1", code, "sales",
                new ServerKeys(new PinnedKey("kid1", "pub1"), new PinnedKey("kid2", "pub2")), at);

        assertThat(Json.read(Json.write(request), EnrollmentRequest.class)).isEqualTo(request);
        assertThat(Json.read(Json.write(response), EnrollmentResponse.class)).isEqualTo(response);
    }

    @Property(tries = 200)
    void deviceRequestJsonRoundTripKeepsItsBody(
            @ForAll("instants") Instant sentAt, @ForAll("texts") String text, @ForAll DeviceRequest.Purpose purpose) throws IOException {
        JsonNode body = JsonNodeFactory.instance.objectNode().put("text", text).put("n", 1);
        DeviceRequest request = new DeviceRequest("dev-1", 12, sentAt, purpose, body);

        assertThat(Json.read(Json.write(request), DeviceRequest.class)).isEqualTo(request);
    }

    @Property(tries = 200)
    void checkinReportJsonRoundTrip(@ForAll("texts") String state, @ForAll List<Long> completed) throws IOException {
        CheckinReport report = new CheckinReport("0.1", "img-3", 5L, state, completed);

        assertThat(Json.read(Json.write(report), CheckinReport.class)).isEqualTo(report);
    }

    @Property(tries = 100)
    void listsInRecordsAreImmutableCopies(@ForAll("commands") LeaseCommand command) {
        List<LeaseCommand> commands = new ArrayList<>(List.of(command));
        Lease lease = new Lease("d", 1, null, null, null, null, 1, null, null, null, commands);
        commands.clear();

        assertThat(lease.commands()).containsExactly(command);
        assertThatThrownBy(() -> lease.commands().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new Lease("d", 1, null, null, null, null, 1, null, null, null, null).commands()).isEmpty();
        assertThat(new CheckinReport(null, null, null, null, null).completedCommands()).isEmpty();
        assertThat(new ProvisioningBundle(null, null, null, null, null, 0, null, null).apps()).isEmpty();
    }
}
