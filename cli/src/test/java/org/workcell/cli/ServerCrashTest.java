package org.workcell.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.workcell.agent.AgentException;
import org.workcell.agent.DeviceAgent;
import org.workcell.cli.admin.AdminClient;
import org.workcell.core.protocol.DeviceInfo;
import org.workcell.core.protocol.Lease;
import org.workcell.server.testing.TestDatabase;

/**
 * SIGKILL of the server while devices enrol and check in: after a restart on the same data, every
 * enrolment and every lease that was acknowledged is there, every used code stays used, and every
 * device can go on checking in.
 */
class ServerCrashTest {
    private static final String PASSWORD = "crash test admin password";
    private static final int DEVICES = 24;

    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void nothingAcknowledgedIsLostWhenTheServerIsKilled(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind, temp)) {
            Path data = temp.resolve("data");
            String dbUrl = kind == TestDatabase.Kind.H2 ? null : database.url();
            Map<Integer, String> deviceIds = new ConcurrentHashMap<>();
            Map<Integer, Long> ackedSequence = new ConcurrentHashMap<>();
            List<String> codes = new ArrayList<>();

            int port = ServerProcess.freePort();
            try (ServerProcess server = ServerProcess.start(data, dbUrl, PASSWORD, port)) {
                AdminClient admin = signIn(server.url());
                admin.post("/api/v1/groups", Map.of("name", "crash"));
                admin.patch("/api/v1/groups/crash/policy", Map.of("leaseInterval", "10s", "disableAfter", "1m", "wipeAfter", "2m"));
                for (int i = 0; i < DEVICES; i++) {
                    admin.post("/api/v1/users", Map.of("name", "user" + i, "group", "crash"));
                    codes.add(admin.post("/api/v1/users/user" + i + "/enrollment-codes", Map.of()).get("code").asText());
                }
                AtomicBoolean stop = new AtomicBoolean();
                List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
                CountDownLatch someWork = new CountDownLatch(DEVICES / 2);
                // The kill must land mid-stream, with check-ins in flight, not at a quiet point.
                CountDownLatch checkinsUnderWay = new CountDownLatch(100);
                ExecutorService pool = Executors.newFixedThreadPool(DEVICES);
                for (int i = 0; i < DEVICES; i++) {
                    int n = i;
                    pool.submit(() -> {
                        DeviceAgent agent = DeviceAgent.open(temp.resolve("phone" + n));
                        try {
                            var response = agent.enroll(server.url(), codes.get(n), device(n));
                            deviceIds.put(n, response.deviceId());
                            someWork.countDown();
                            while (!stop.get()) {
                                Lease lease = agent.checkin(null, List.of());
                                ackedSequence.put(n, lease.sequence());
                                checkinsUnderWay.countDown();
                            }
                        } catch (Exception e) {
                            // Once the server is killed, requests in flight fail: they were never acknowledged.
                            if (!stop.get()) {
                                failures.add(e.toString());
                            }
                        }
                        return null;
                    });
                }
                assertThat(someWork.await(60, TimeUnit.SECONDS)).as("enrolments; failures: %s", failures).isTrue();
                assertThat(checkinsUnderWay.await(60, TimeUnit.SECONDS)).isTrue();
                assertThat(List.copyOf(failures)).as("requests refused before the kill").isEmpty();
                server.kill();
                stop.set(true);
                pool.shutdown();
                assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(ackedSequence).isNotEmpty();

            try (ServerProcess restarted = ServerProcess.start(data, dbUrl, PASSWORD, port)) {
                AdminClient admin = signIn(restarted.url());
                for (var entry : deviceIds.entrySet()) {
                    JsonNode detail = admin.get("/api/v1/devices/" + entry.getValue());
                    assertThat(detail.at("/device/user").asText()).isEqualTo("user" + entry.getKey());
                    Long acked = ackedSequence.get(entry.getKey());
                    if (acked != null) {
                        assertThat(detail.at("/device/lastSequence").asLong()).isGreaterThanOrEqualTo(acked);
                    }
                    // The device goes on: its next check-in is accepted and answered.
                    DeviceAgent agent = DeviceAgent.open(temp.resolve("phone" + entry.getKey()));
                    assertThat(agent.checkin(null, List.of()).deviceId()).isEqualTo(entry.getValue());
                    // Its code stays used.
                    assertThatThrownBy(() -> DeviceAgent.open(temp.resolve("again" + entry.getKey()))
                            .enroll(restarted.url(), codes.get(entry.getKey()), device(entry.getKey())))
                            .isInstanceOf(AgentException.class).hasMessageContaining("used already");
                }
                JsonNode all = admin.get("/api/v1/devices?limit=1000");
                assertThat(all.get("items").size()).isGreaterThanOrEqualTo(deviceIds.size());
                assertThat(admin.get("/healthz").get("status").asText()).isEqualTo("ok");
            }
        }
    }

    private static AdminClient signIn(String url) {
        JsonNode session = new AdminClient(url, null).post("/api/v1/auth/login", Map.of("user", "admin", "password", PASSWORD));
        return new AdminClient(url, session.get("token").asText());
    }

    private static DeviceInfo device(int n) {
        return new DeviceInfo("test-model", "test-os", String.format("%064x", n + 1), "0.1.0");
    }

}
