package org.workcell.bench.internal;

import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayDeque;
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
    private final ArrayDeque<Signed> presigned = new ArrayDeque<>();
    private long sequence;
    private long lastSent;

    /** A signed check-in and the sequence number inside it. */
    public record Signed(String token, long sequence) {}

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

    /**
     * Signs the next {@code count} check-ins ahead of time, so that the measured phases spend the
     * load generator's CPU on sending, not signing. They stay valid for the server's clock skew.
     */
    public void presign(int count, Instant now) {
        for (int i = 0; i < count; i++) {
            presigned.add(sign(now));
        }
    }

    /** The next check-in, pre-signed if any are left; call only while holding the device. */
    public Signed nextCheckin(Instant now) {
        Signed next = presigned.poll();
        if (next == null) {
            next = sign(now);
        }
        lastSent = next.sequence();
        return next;
    }

    /** The sequence number of the last check-in handed out. */
    public long lastSent() {
        return lastSent;
    }

    private Signed sign(Instant now) {
        sequence = Math.max(sequence + 1, now.toEpochMilli());
        DeviceRequest request = new DeviceRequest(id, sequence, now, DeviceRequest.Purpose.CHECKIN, Json.MAPPER.valueToTree(REPORT));
        return new Signed(CompactJws.signJson(TokenTypes.DEVICE_REQUEST, id, request, key.getPrivate()), sequence);
    }
}
