package org.workcell.server.internal.push;

import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.workcell.core.json.Json;

/**
 * The push channel: devices hold a Server-Sent Events stream, and the server tells them to check
 * in now (a policy changed, a command is queued), or on a periodic timer as in the patent's push
 * model. A nudge carries no authority of its own; only the lease from the check-in does.
 */
public final class PushHub implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PushHub.class);
    public static final String EVENT = "checkin";

    private final Map<UUID, Set<SseClient>> clients = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("push-timer").daemon().factory());

    /**
     * @param periodicNudge nudge every connected device this often; zero for never
     * @param keepAlive     send a comment this often so that proxies keep idle streams open
     */
    public PushHub(Duration periodicNudge, Duration keepAlive) {
        if (!periodicNudge.isZero()) {
            timer.scheduleAtFixedRate(() -> nudgeAll("periodic"), periodicNudge.toMillis(), periodicNudge.toMillis(), TimeUnit.MILLISECONDS);
        }
        timer.scheduleAtFixedRate(this::keepAlive, keepAlive.toMillis(), keepAlive.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Registers a device's stream and blocks its request thread (a virtual thread) until the stream closes. */
    public void attach(UUID deviceId, SseClient client) {
        clients.computeIfAbsent(deviceId, id -> ConcurrentHashMap.newKeySet()).add(client);
        client.onClose(() -> detach(deviceId, client));
        client.sendComment("connected");
        client.keepAlive();
    }

    private void detach(UUID deviceId, SseClient client) {
        clients.computeIfPresent(deviceId, (id, set) -> {
            set.remove(client);
            return set.isEmpty() ? null : set;
        });
    }

    public int connectedDevices() {
        return clients.size();
    }

    /** Tells a device to check in now; returns whether it had an open stream. */
    public boolean nudge(UUID deviceId, String reason) {
        Set<SseClient> set = clients.get(deviceId);
        if (set == null) {
            return false;
        }
        String data = Json.writeString(Map.of("reason", reason));
        boolean sent = false;
        for (SseClient client : set) {
            try {
                if (!client.terminated()) {
                    client.sendEvent(EVENT, data);
                    sent = true;
                }
            } catch (RuntimeException e) {
                log.atDebug().addKeyValue("device", deviceId).log("push stream failed; dropping it");
                detach(deviceId, client);
            }
        }
        return sent;
    }

    public void nudgeAll(Collection<UUID> deviceIds, String reason) {
        deviceIds.forEach(id -> nudge(id, reason));
    }

    private void nudgeAll(String reason) {
        clients.keySet().forEach(id -> nudge(id, reason));
    }

    private void keepAlive() {
        clients.forEach((id, set) -> set.forEach(client -> {
            try {
                client.sendComment("keep-alive");
            } catch (RuntimeException e) {
                detach(id, client);
            }
        }));
    }

    @Override
    public void close() {
        timer.shutdownNow();
        clients.values().forEach(set -> set.forEach(client -> {
            try {
                client.close();
            } catch (RuntimeException ignored) {
                // closing anyway
            }
        }));
        clients.clear();
    }
}
