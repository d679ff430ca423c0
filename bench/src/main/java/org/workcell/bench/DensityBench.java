package org.workcell.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.workcell.bench.internal.LatencySamples;
import org.workcell.channel.Touch;
import org.workcell.host.DisplayListener;
import org.workcell.host.DisplaySession;
import org.workcell.host.Host;
import org.workcell.host.HostConfig;
import org.workcell.host.HostStatus;
import org.workcell.host.Hosts;
import org.workcell.host.Isolation;
import org.workcell.host.PhoneImage;
import org.workcell.host.PhoneInfo;
import org.workcell.host.PhoneRequest;

/**
 * How many real phones one machine holds: starts {@code phones} sandboxed phones from the standard
 * image on a local host, then taps on {@code active} of them (open an app, go back) while the rest
 * sit idle, as a display client would.
 *
 * <ul>
 *   <li>start: from {@link Host#start} to the phone's first frame (its home screen), with
 *       {@code startConcurrency} phones starting at a time while the ones already up keep running;</li>
 *   <li>memory: each phone's proportional set size (shared pages split among their sharers), and
 *       what the whole machine lost of its available memory from before the first start;</li>
 *   <li>idle CPU: the CPU time the idle phones used during the tapping, as a share of the machine;</li>
 *   <li>tap to frame: from sending the finger down to the display client hearing of a new frame
 *       and taking it.</li>
 * </ul>
 */
public final class DensityBench {
    public record Options(int phones, int active, Duration activeFor, double tapsPerSecond, int startConcurrency, Isolation isolation,
                          Path workDir, PrintStream progress) {
        public Options {
            if (phones < 1 || active < 0 || active > phones) {
                throw new IllegalArgumentException("need at least one phone and no more active phones than phones");
            }
            if (tapsPerSecond <= 0 || startConcurrency < 1 || activeFor.isNegative() || activeFor.isZero()) {
                throw new IllegalArgumentException("taps per second, start concurrency and the active time must be positive");
            }
        }
    }

    public record Result(int phones, int active, double pssMBPerPhone, double rssMBPerPhone, long totalMemoryMB, double startP50Ms,
                         double startP99Ms, double idleCpuPercent, double idleAwakeCpuPercent, double tapToFrameP50Ms,
                         double tapToFrameP99Ms, int taps, int tapsWithoutFrame, double resumeP50Ms, double resumeP99Ms, String isolation,
                         String limits, int cores) {}

    private static final Duration FRAME_WAIT = Duration.ofSeconds(10);

    private DensityBench() {}

    public static Result run(Options o) throws IOException, InterruptedException {
        Path work = o.workDir();
        BenchPhones.Setup setup = BenchPhones.prepare(work, o.isolation());
        PhoneImage image = setup.image();
        Path data = setup.data();
        int cores = Runtime.getRuntime().availableProcessors();

        long availableBefore = memAvailableBytes();
        HostConfig config = setup.config();
        try (Host host = Hosts.local(config)) {
            HostStatus status = host.status();
            o.progress().printf("host: %s, seccomp %s, limits %s; starting %d phones, %d at a time…%n", status.isolation(),
                    status.seccomp(), status.limits(), o.phones(), o.startConcurrency());

            Map<String, Client> clients = new ConcurrentHashMap<>();
            LatencySamples starts = new LatencySamples();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < o.phones(); i++) {
                ids.add(String.format("phone-%04d", i));
            }
            ExecutorService starters = Executors.newFixedThreadPool(o.startConcurrency());
            try {
                List<Future<?>> started = new ArrayList<>();
                for (String id : ids) {
                    started.add(starters.submit(() -> {
                        long t0 = System.nanoTime();
                        host.start(new PhoneRequest(id, id + "@bench", image, data.resolve(id)));
                        Client client = new Client(host, id);
                        client.awaitFrame(0, Duration.ofMinutes(5));
                        starts.add((System.nanoTime() - t0) / 1000);
                        clients.put(id, client);
                        if (clients.size() % 20 == 0) {
                            o.progress().printf("  %d phones up%n", clients.size());
                        }
                        return null;
                    }));
                }
                for (Future<?> f : started) {
                    f.get();
                }
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IOException("a phone did not start: " + e.getCause().getMessage(), e.getCause());
            } finally {
                starters.shutdownNow();
            }
            List<String> activeIds = ids.subList(0, o.active());
            List<String> idleIds = ids.subList(o.active(), ids.size());
            for (String id : idleIds) {
                clients.get(id).session.close(); // idle phones have nobody looking at them
            }

            // Let start-up work (class loading, the JIT's first compilations) settle before measuring what stays.
            o.progress().println("all phones up; letting them settle for 10 s…");
            Thread.sleep(10_000);
            long pss = 0;
            long rss = 0;
            for (PhoneInfo info : host.list()) {
                pss += info.resources().proportionalBytes();
                rss += info.resources().memoryBytes();
            }
            long totalMemory = availableBefore - memAvailableBytes();

            // What idle phones cost while awake, then what they cost once the host has suspended them
            // (as it does to phones nobody has looked at for its idle time).
            o.progress().printf("measuring %d idle phones awake for 10 s, then suspending them…%n", idleIds.size());
            double idleAwakePercent = idleCpuPercent(host, idleIds, cores, () -> Thread.sleep(10_000));
            for (String id : idleIds) {
                host.suspend(id);
            }

            for (String id : activeIds) {
                clients.get(id).warmUp(); // each app's first opening loads its classes: that is app start, not input latency
            }
            o.progress().printf("tapping %d phones for %d s while %d idle phones are suspended…%n", o.active(), o.activeFor().toSeconds(),
                    idleIds.size());
            LatencySamples taps = new LatencySamples();
            java.util.concurrent.atomic.AtomicInteger missed = new java.util.concurrent.atomic.AtomicInteger();
            double idlePercent = idleCpuPercent(host, idleIds, cores, () -> {
                long w0 = System.nanoTime();
                long deadline = w0 + o.activeFor().toNanos();
                try (ExecutorService drivers = Executors.newVirtualThreadPerTaskExecutor()) {
                    int n = 0;
                    for (String id : activeIds) {
                        long offset = (long) (1e9 / o.tapsPerSecond() * n++ / Math.max(1, activeIds.size()));
                        drivers.submit(() -> {
                            clients.get(id).drive(o.tapsPerSecond(), w0 + offset, deadline, taps, missed);
                            return null;
                        });
                    }
                }
            });

            // Resuming: a viewer attaches to a suspended phone (seeing at once the screen the host kept) and
            // taps; timed until the phone has answered, which it can only do once thawed.
            LatencySamples resumes = new LatencySamples();
            for (String id : idleIds.subList(0, Math.min(10, idleIds.size()))) {
                long t0 = System.nanoTime();
                Client client = new Client(host, id);
                try {
                    client.awaitFrame(0, Duration.ofMinutes(1));
                    java.util.concurrent.atomic.AtomicInteger unanswered = new java.util.concurrent.atomic.AtomicInteger();
                    client.tap(new LatencySamples(), unanswered);
                    if (unanswered.get() > 0) {
                        throw new IOException("resumed phone " + id + " did not answer a tap");
                    }
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new IOException("a resumed phone showed nothing: " + e.getMessage(), e);
                }
                resumes.add((System.nanoTime() - t0) / 1000);
                clients.put(id, client);
            }

            o.progress().println("stopping the phones…");
            clients.values().forEach(c -> c.session.close());
            return new Result(o.phones(), o.active(), pss / 1048576.0 / o.phones(), rss / 1048576.0 / o.phones(),
                    totalMemory / 1048576, starts.percentileMs(0.5), starts.percentileMs(0.99), idlePercent, idleAwakePercent,
                    taps.percentileMs(0.5), taps.percentileMs(0.99), taps.count(), missed.get(), resumes.percentileMs(0.5),
                    resumes.percentileMs(0.99), status.isolation().name().toLowerCase(), status.limits(), cores);
        }
    }

    /** A display client on one phone: counts the frames it hears of and takes each, as a viewer would. */
    private static final class Client implements DisplayListener {
        private final Host host;
        private final String id;
        private final DisplaySession session;
        private long frames;
        private boolean home = true;

        Client(Host host, String id) {
            this.host = host;
            this.id = id;
            this.session = host.attach(id, this);
        }

        @Override
        public synchronized void frameReady() {
            frames++;
            notifyAll();
        }

        @Override
        public void detached(String reason) {}

        synchronized long frames() {
            return frames;
        }

        /** Waits until a frame after the {@code seen}-th has been heard of, then takes it. */
        void awaitFrame(long seen, Duration timeout) throws InterruptedException, java.util.concurrent.TimeoutException {
            long end = System.nanoTime() + timeout.toNanos();
            synchronized (this) {
                while (frames <= seen) {
                    long left = end - System.nanoTime();
                    if (left <= 0) {
                        throw new java.util.concurrent.TimeoutException("phone " + id + " showed no frame within " + timeout.toSeconds() + " s");
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            }
            session.take();
        }

        /** Opens the app and goes back once, untimed; the frames that follow an app's opening settle meanwhile. */
        void warmUp() throws InterruptedException {
            for (int i = 0; i < 2; i++) {
                tap(new LatencySamples(), new java.util.concurrent.atomic.AtomicInteger());
                Thread.sleep(300);
            }
        }

        /** Opens an app and goes back, one tap at a time, paced, timing each tap to its first frame. */
        void drive(double tapsPerSecond, long firstAt, long deadline, LatencySamples samples, java.util.concurrent.atomic.AtomicInteger missed)
                throws InterruptedException {
            long interval = (long) (1e9 / tapsPerSecond);
            for (long next = firstAt; next < deadline; next += interval) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait); // pacing the taps, not waiting for a condition
                }
                tap(samples, missed);
            }
        }

        /** One tap: on the app's tile when home, else on the back button. */
        private void tap(LatencySamples samples, java.util.concurrent.atomic.AtomicInteger missed) throws InterruptedException {
            double[] at = home ? BenchPhones.APP_TILE : BenchPhones.BACK_BUTTON;
            int x = (int) (at[0] * session.width());
            int y = (int) (at[1] * session.height());
            long seen = frames();
            long t0 = System.nanoTime();
            long ms = System.currentTimeMillis();
            host.send(id, new Touch(Touch.Action.DOWN, 0, x, y, ms));
            host.send(id, new Touch(Touch.Action.UP, 0, x, y, ms + 60));
            try {
                awaitFrame(seen, FRAME_WAIT);
                samples.add((System.nanoTime() - t0) / 1000);
            } catch (java.util.concurrent.TimeoutException e) {
                missed.incrementAndGet();
            }
            home = !home;
        }
    }

    private interface Window {
        void run() throws InterruptedException;
    }

    /** The CPU the given phones used while {@code window} ran, as a percentage of the whole machine. */
    private static double idleCpuPercent(Host host, List<String> ids, int cores, Window window) throws InterruptedException {
        long before = cpuMillis(host, ids);
        long t0 = System.nanoTime();
        window.run();
        double wallMillis = (System.nanoTime() - t0) / 1e6;
        return ids.isEmpty() ? 0 : 100.0 * (cpuMillis(host, ids) - before) / (wallMillis * cores);
    }

    private static long cpuMillis(Host host, List<String> ids) {
        long sum = 0;
        for (String id : ids) {
            sum += host.get(id).map(i -> i.resources().cpuMillis()).orElse(0L);
        }
        return sum;
    }

    private static long memAvailableBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemAvailable:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("/proc/meminfo has no MemAvailable");
    }
}
