package org.workcell.server.internal.device;

import java.time.Instant;
import java.util.List;

public record DeviceDetail(DeviceView device, String hardwareIdHash, String publicKey, List<Command> commands, List<LeaseRecord> leases) {
    public record Command(long id, String type, Instant createdAt, String createdBy, Instant deliveredAt, Instant completedAt) {}

    public record LeaseRecord(long sequence, Instant issuedAt, Instant renewBy, Instant disableAt, Instant wipeAt, String state, String address) {}
}
