package org.workcell.bench.internal;

import java.security.KeyPair;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.workcell.core.jws.CompactJws;
import org.workcell.core.json.Json;
import org.workcell.core.protocol.CheckinReport;
import org.workcell.core.protocol.DeviceRequest;
import org.workcell.core.protocol.TokenTypes;

/** An enrolled device as the load generator drives it: one request in flight at a time, sequence always rising. */
public final class BenchDevice {
    private static final CheckinReport REPORT = new CheckinReport("bench", null, null, "running", java.util.List.of());

    private final String id;
    private final KeyPair key;
    private final AtomicBoolean busy = new AtomicBoolean();
    private long sequence;

    public BenchDevice(String id, KeyPair key) {
        this.id = id;
        this.key = key;
    }

    public String id() {
        return id;
    }

    public boolean tryAcquire() {
        return busy.compareAndSet(false, true);
    }

    public void release() {
        busy.set(false);
    }

    /** A signed check-in with the next sequence number; call only while holding the device. */
    public String nextCheckin(Instant now) {
        sequence = Math.max(sequence + 1, now.toEpochMilli());
        DeviceRequest request = new DeviceRequest(id, sequence, now, DeviceRequest.Purpose.CHECKIN, Json.MAPPER.valueToTree(REPORT));
        return CompactJws.signJson(TokenTypes.DEVICE_REQUEST, id, request, key.getPrivate());
    }

    public long sequence() {
        return sequence;
    }
}
