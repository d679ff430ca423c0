package org.workcell.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.workcell.core.json.Json;

class ProtocolRecordsTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"deviceId\":\"d\",\"sequence\":1,\"policyVersion\":1,\"commands\":[null]}",
        "{\"deviceId\":\"d\",\"sequence\":1,\"policyVersion\":1,\"commands\":[{\"id\":1,\"type\":\"lock\",\"issuedAt\":null},null]}"})
    void aNullInsideTheCommandListIsAnIOExceptionNotACrash(String json) {
        assertThatThrownBy(() -> Json.read(json.getBytes(StandardCharsets.UTF_8), Lease.class)).isInstanceOf(IOException.class);
    }

    @Test
    void aNullInsideOtherListsIsAnIOExceptionNotACrash() {
        String report = "{\"completedCommands\":[1,null]}";
        String bundle = "{\"policyVersion\":1,\"apps\":[null]}";

        assertThatThrownBy(() -> Json.read(report.getBytes(StandardCharsets.UTF_8), CheckinReport.class)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> Json.read(bundle.getBytes(StandardCharsets.UTF_8), ProvisioningBundle.class))
                .isInstanceOf(IOException.class);
    }

    @Test
    void leaseWithoutItsSequenceIsRejectedRatherThanReadAsZero() {
        String json = "{\"deviceId\":\"d\",\"policyVersion\":1}";

        assertThatThrownBy(() -> Json.read(json.getBytes(StandardCharsets.UTF_8), Lease.class)).isInstanceOf(IOException.class);
    }

    @Test
    void deviceRequestWithoutABodyOmitsItOnTheWire() throws IOException {
        DeviceRequest request = new DeviceRequest("dev-1", 3, Instant.parse("2025-01-01T00:00:00Z"), DeviceRequest.Purpose.CHECKIN, null);

        JsonNode tree = Json.MAPPER.readTree(Json.write(request));

        assertThat(tree.has("body")).isFalse();
        assertThat(tree.get("purpose").asText()).isEqualTo("CHECKIN");
        assertThat(tree.get("sentAt").asText()).isEqualTo("2025-01-01T00:00:00Z");
    }

    @Test
    void deviceRequestWithAnUnknownPurposeIsRejected() {
        String json = "{\"deviceId\":\"d\",\"sequence\":1,\"purpose\":\"SUDO\"}";

        assertThatThrownBy(() -> Json.read(json.getBytes(StandardCharsets.UTF_8), DeviceRequest.class)).isInstanceOf(IOException.class);
    }

    @Test
    void tokenTypesAreDistinctJwsTypes() {
        assertThat(List.of(TokenTypes.ENROLLMENT, TokenTypes.DEVICE_REQUEST, TokenTypes.LEASE, TokenTypes.PROVISIONING,
                TokenTypes.IMAGE_REF)).doesNotHaveDuplicates().allSatisfy(t -> assertThat(t).endsWith("+jws"));
    }
}
