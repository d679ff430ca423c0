package org.workcell.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.workcell.bench.internal.BenchDevice;
import org.workcell.bench.internal.BenchServerApi;
import org.workcell.bench.internal.LatencySamples;
import org.workcell.core.crypto.Ed25519;
import org.workcell.core.jws.CompactJws;
import org.workcell.core.jws.JwsException;
import org.workcell.core.protocol.Lease;
import org.workcell.core.protocol.TokenTypes;

/**
 * Drives signed check-ins at a running server, as enrolled devices would: first as fast as the
 * server answers (closed loop, one request in flight per device), then at a fixed rate (open loop;
 * latency counts from when each request was due, so a stalled server cannot hide its backlog).
 * Every lease's signature is checked on a sample of answers against the server's lease key.
 */
public final class CheckinBench {
    /** One lease in this many is verified: the load generator shares the machine with the server. */
    private static final int VERIFY_EVERY = 50;
    /** Check-ins a second the pre-signed supply is sized for in the closed-loop phase. */
    private static final int PRESIGN_RATE = 2500;

    public record Options(String server, String adminUser, String adminPassword, int devices, int concurrency,
                          Duration warmup, Duration measure, int rate, PrintStream progress) {}

    public record Result(String server, int devices, double checkinsPerSecond, double closedLoopP50Ms, double closedLoopP99Ms,
                         int latencyAtRate, double achievedRate, double p50Ms, double p99Ms, long errors, long leasesVerified) {}

    private final Options options;
    private final HttpClient http;
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong verified = new AtomicLong();
    private final AtomicInteger answers = new AtomicInteger();
    private volatile String leaseKeyText;
    private PublicKey leaseKey;

    private CheckinBench(Options options) {
        this.options = options;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    }

    public static Result run(Options options) throws IOException, InterruptedException {
        return new CheckinBench(options).run();
    }

    private Result run() throws IOException, InterruptedException {
        List<BenchDevice> devices = enrolDevices();
        options.progress().printf("closed loop: %d devices, %d in flight, %ds warm-up, %ds measured%n",
                devices.size(), options.concurrency(), options.warmup().toSeconds(), options.measure().toSeconds());
        presign(devices);
        LatencySamples closed = new LatencySamples();
        double throughput = closedLoop(devices, closed);
        options.progress().printf("  %.0f check-ins/s, p50 %.2f ms, p99 %.2f ms%n", throughput, closed.percentileMs(0.5), closed.percentileMs(0.99));
        options.progress().printf("open loop: %d check-ins/s for %ds%n", options.rate(), options.measure().toSeconds());
        LatencySamples open = new LatencySamples();
        double achieved = openLoop(devices, open);
        options.progress().printf("  %.0f check-ins/s achieved, p50 %.2f ms, p99 %.2f ms, %d errors%n",
                achieved, open.percentileMs(0.5), open.percentileMs(0.99), errors.get());
        return new Result(options.server(), devices.size(), round(throughput), round(closed.percentileMs(0.5)), round(closed.percentileMs(0.99)),
                options.rate(), round(achieved), round(open.percentileMs(0.5)), round(open.percentileMs(0.99)), errors.get(), verified.get());
    }

    private List<BenchDevice> enrolDevices() throws IOException, InterruptedException {
        BenchServerApi api = new BenchServerApi(http, options.server());
        api.login(options.adminUser(), options.adminPassword());
        String group = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        api.json("POST", "/api/v1/groups", Map.of("name", group, "description", "check-in benchmark"));
        api.json("POST", "/api/v1/users", Map.of("name", group, "group", group));
        options.progress().printf("enrolling %d devices in group %s…%n", options.devices(), group);
        List<Future<BenchDevice>> pending = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < options.devices(); i++) {
                int n = i;
                pending.add(pool.submit(() -> {
                    String code = api.json("POST", "/api/v1/users/" + group + "/enrollment-codes", Map.of()).get("code").asText();
                    KeyPair key = Ed25519.generate();
                    var answer = api.enroll(code, key, n);
                    leaseKeyText = answer.at("/serverKeys/leaseSigning/publicKey").asText();
                    return new BenchDevice(answer.get("deviceId").asText(), key);
                }));
            }
        }
        List<BenchDevice> devices = new ArrayList<>();
        for (Future<BenchDevice> f : pending) {
            try {
                devices.add(f.get());
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IOException("could not enrol the benchmark's devices: " + e.getCause().getMessage(), e.getCause());
            }
        }
        try {
            leaseKey = Ed25519.publicKeyFromBase64(leaseKeyText);
        } catch (InvalidKeyException e) {
            throw new IOException("the server's lease key is not valid", e);
        }
        return devices;
    }

    /** Enough signed check-ins for both phases at up to {@link #PRESIGN_RATE} a second; more are signed on demand. */
    private void presign(List<BenchDevice> devices) throws InterruptedException {
        long seconds = options.warmup().toSeconds() + options.measure().toSeconds();
        long total = seconds * PRESIGN_RATE + (long) options.rate() * options.measure().toSeconds();
        int perDevice = (int) Math.min(10_000, total / devices.size() + 5);
        options.progress().printf("signing %d check-ins ahead…%n", (long) perDevice * devices.size());
        java.time.Instant now = Clock.systemUTC().instant();
        try (ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors())) {
            devices.forEach(d -> pool.submit(() -> d.presign(perDevice, now)));
        }
    }

    private double closedLoop(List<BenchDevice> devices, LatencySamples samples) throws InterruptedException {
        int workers = Math.min(options.concurrency(), devices.size());
        long start = System.nanoTime();
        long measureFrom = start + options.warmup().toNanos();
        long end = measureFrom + options.measure().toNanos();
        AtomicLong measured = new AtomicLong();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < workers; w++) {
                int worker = w;
                pool.submit(() -> {
                    for (int i = worker; System.nanoTime() < end; i += workers) {
                        BenchDevice device = devices.get(i % devices.size());
                        long t0 = System.nanoTime();
                        boolean ok = checkin(device);
                        long t1 = System.nanoTime();
                        if (t0 >= measureFrom && t1 <= end && ok) {
                            measured.incrementAndGet();
                            samples.add((t1 - t0) / 1000);
                        }
                    }
                });
            }
        }
        return measured.get() / (options.measure().toNanos() / 1e9);
    }

    private double openLoop(List<BenchDevice> devices, LatencySamples samples) throws InterruptedException {
        long interval = 1_000_000_000L / options.rate();
        long total = options.rate() * options.measure().toSeconds();
        long start = System.nanoTime() + 10_000_000L;
        AtomicLong done = new AtomicLong();
        int next = 0;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < total; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                BenchDevice device = null;
                for (int tries = 0; tries < devices.size() && device == null; tries++) {
                    BenchDevice candidate = devices.get(next++ % devices.size());
                    if (candidate.tryAcquire()) {
                        device = candidate;
                    }
                }
                if (device == null) {
                    errors.incrementAndGet(); // every device is busy: the server has fallen behind the rate
                    continue;
                }
                BenchDevice held = device;
                pool.submit(() -> {
                    try {
                        if (send(held)) {
                            samples.add((System.nanoTime() - due) / 1000);
                            done.incrementAndGet();
                        }
                    } finally {
                        held.release();
                    }
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return done.get() / seconds;
    }

    private boolean checkin(BenchDevice device) {
        if (!device.tryAcquire()) {
            return false;
        }
        try {
            return send(device);
        } finally {
            device.release();
        }
    }

    private boolean send(BenchDevice device) {
        String token = device.nextCheckin(Clock.systemUTC().instant()).token();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(options.server() + "/api/v1/device/checkin"))
                    .header("Content-Type", TokenTypes.MEDIA_TYPE)
                    .POST(HttpRequest.BodyPublishers.ofString(token, StandardCharsets.US_ASCII)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                errors.incrementAndGet();
                return false;
            }
            if (answers.incrementAndGet() % VERIFY_EVERY == 0) {
                Lease lease = CompactJws.verifyJson(response.body(), TokenTypes.LEASE, leaseKey, Lease.class);
                if (!lease.deviceId().equals(device.id()) || lease.sequence() != device.lastSent()) {
                    errors.incrementAndGet();
                    return false;
                }
                verified.incrementAndGet();
            }
            return true;
        } catch (IOException | JwsException e) {
            errors.incrementAndGet();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
