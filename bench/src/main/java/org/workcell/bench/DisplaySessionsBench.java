package org.workcell.bench;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.workcell.bench.internal.LatencySamples;
import org.workcell.channel.Touch;
import org.workcell.display.ClientTouch;
import org.workcell.host.Host;
import org.workcell.host.HostConfig;
import org.workcell.host.HostStatus;
import org.workcell.host.Hosts;
import org.workcell.host.Isolation;
import org.workcell.host.PhoneImage;
import org.workcell.host.PhoneRequest;
import org.workcell.thinclient.DisplayBridge;
import org.workcell.thinclient.DisplayClient;
import org.workcell.thinclient.DisplaySocket;
import org.workcell.thinclient.ViewerSettings;

/**
 * Input-to-frame latency through the real remote-display path with many viewers at once: starts
 * {@code sessions} sandboxed phones on a local host, serves their display socket from a Javalin
 * server on loopback (as the cloud server does, without sign-in), and connects one Java viewer
 * ({@link DisplayClient}: decodes and acknowledges every frame, as the browser does) to each.
 * Every viewer then taps, paced and spread over the second: the home screen's Notes tile, then the
 * back button, and so on.
 *
 * <p>A sample runs from sending TOUCH DOWN and UP to the first frame whose decoded screen differs,
 * below the status bar, from the screen at the moment of the tap; so neither a frame already in
 * flight nor a status-bar clock tick ends it. Before each tap the viewer waits until its screen
 * has been still for a moment, so that the tail of the last transition does not either.
 */
public final class DisplaySessionsBench {
    public record Options(int sessions, Duration activeFor, double tapsPerSecond, int startConcurrency, Isolation isolation, Path workDir,
                          PrintStream progress) {
        public Options {
            if (sessions < 1 || tapsPerSecond <= 0 || startConcurrency < 1 || activeFor.isNegative() || activeFor.isZero()) {
                throw new IllegalArgumentException("sessions, taps per second, start concurrency and the active time must be positive");
            }
        }
    }

    /**
     * @param worstSessionP99Ms the highest of the sessions' own p99s: whether one session suffers for the others
     * @param framesPerSecondPerSession frames each viewer received and acknowledged, over the tapping
     * @param tapsSkipped taps not sent because the screen was neither the settled home screen nor Notes for 10 s
     */
    public record Result(int sessions, double p50Ms, double p99Ms, double maxMs, double worstSessionP99Ms, double bytesPerSecondPerSession,
                         double framesPerSecondPerSession, int taps, int tapsWithoutFrame, int tapsSkipped, double seconds, String isolation,
                         int cores) {}

    /** Rows below the status bar, whose clock changes by the minute without any input. */
    private static final int FIRST_STABLE_ROW = 64;
    private static final Duration FRAME_WAIT = Duration.ofSeconds(10);
    /** The first opening of an app loads its classes, slowly on a machine busy with many phones. */
    private static final Duration WARM_UP_WAIT = Duration.ofMinutes(2);
    /** In the warm-up, how long a screen must have had no frame to count as settled; transitions send one every 16 ms while they run. */
    private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** A screen that never goes still (it should not happen) is taken as it is after this. */
    private static final long QUIET_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final int WARM_UP_ROUNDS = 5;
    private static final ViewerSettings VIEWER = new ViewerSettings(320, false, "");

    private DisplaySessionsBench() {}

    public static Result run(Options o) throws IOException, InterruptedException {
        Path work = o.workDir();
        BenchPhones.Setup setup = BenchPhones.prepare(work, o.isolation());
        PhoneImage image = setup.image();
        Path data = setup.data();
        HostConfig config = setup.config();
        List<Session> sessions = new ArrayList<>();
        try (Host host = Hosts.local(config); HttpClient http = HttpClient.newHttpClient()) {
            HostStatus status = host.status();
            Javalin server = Javalin.create(c -> {
                c.startup.showJavalinBanner = false;
                c.startup.showOldJavalinVersionWarning = false;
                c.concurrency.useVirtualThreads = true;
                c.jetty.host = "127.0.0.1";
                c.jetty.port = 0;
                c.routes.ws("/display/{phone}", DisplaySocket.handler((ws, out) ->
                        new DisplayBridge(host, ws.pathParam("phone"), VIEWER, out, Clock.systemUTC())));
            }).start();
            try {
                String base = "ws://127.0.0.1:" + server.port() + "/display/";
                o.progress().printf("host: %s, seccomp %s, limits %s; starting %d phones, %d at a time, each with a viewer on %s…%n",
                        status.isolation(), status.seccomp(), status.limits(), o.sessions(), o.startConcurrency(), base);
                startAll(o, host, image, data, http, base, sessions);

                o.progress().println("opening Notes and going back, untimed, until each session shows the same two screens twice in a row…");
                // As many at a time as phones start: an app's first opening is as heavy as a start.
                try (ExecutorService warming = Executors.newFixedThreadPool(o.startConcurrency())) {
                    List<Future<?>> done = new ArrayList<>();
                    for (Session s : sessions) {
                        done.add(warming.submit(() -> {
                            s.warmUp();
                            return null;
                        }));
                    }
                    for (Future<?> f : done) {
                        f.get();
                    }
                } catch (ExecutionException e) {
                    throw new IOException(e.getCause().getMessage(), e.getCause());
                }
                o.progress().printf("tapping %d sessions, %.1f taps a second each, for %d s…%n", o.sessions(), o.tapsPerSecond(),
                        o.activeFor().toSeconds());
                LatencySamples all = new LatencySamples();
                AtomicInteger missed = new AtomicInteger();
                AtomicInteger unsettled = new AtomicInteger();
                long[] bytes0 = sessions.stream().mapToLong(s -> s.client.bytesReceived()).toArray();
                long[] frames0 = sessions.stream().mapToLong(s -> s.client.frames()).toArray();
                long w0 = System.nanoTime();
                long deadline = w0 + o.activeFor().toNanos();
                try (ExecutorService drivers = Executors.newVirtualThreadPerTaskExecutor()) {
                    for (int i = 0; i < sessions.size(); i++) {
                        Session s = sessions.get(i);
                        long offset = (long) (1e9 / o.tapsPerSecond() * i / sessions.size());
                        drivers.submit(() -> {
                            s.drive(o.tapsPerSecond(), w0 + offset, deadline, all, missed, unsettled);
                            return null;
                        });
                    }
                }
                double seconds = (System.nanoTime() - w0) / 1e9;
                long bytes = 0;
                long frames = 0;
                double worstP99 = 0;
                for (int i = 0; i < sessions.size(); i++) {
                    Session s = sessions.get(i);
                    bytes += s.client.bytesReceived() - bytes0[i];
                    frames += s.client.frames() - frames0[i];
                    if (s.samples.count() > 0) {
                        worstP99 = Math.max(worstP99, s.samples.percentileMs(0.99));
                    }
                    if (s.client.closeCode() != null) {
                        throw new IOException("the display connection of " + s.id + " closed during the run: " + s.client.closeCode() + " "
                                + s.client.closeReason());
                    }
                }
                o.progress().println("closing the sessions and stopping the phones…");
                return new Result(o.sessions(), all.percentileMs(0.5), all.percentileMs(0.99), all.percentileMs(1.0), worstP99,
                        bytes / seconds / o.sessions(), frames / seconds / o.sessions(), all.count(), missed.get(), unsettled.get(), seconds,
                        status.isolation().name().toLowerCase(), Runtime.getRuntime().availableProcessors());
            } finally {
                sessions.forEach(s -> s.client.close());
                server.stop();
            }
        }
    }

    /** Starts the phones, {@code startConcurrency} at a time, and connects a viewer to each once it has shown its home screen. */
    private static void startAll(Options o, Host host, PhoneImage image, Path data, HttpClient http, String base, List<Session> sessions)
            throws IOException, InterruptedException {
        ExecutorService starters = Executors.newFixedThreadPool(o.startConcurrency());
        try {
            List<Future<Session>> started = new ArrayList<>();
            AtomicInteger up = new AtomicInteger();
            for (int i = 0; i < o.sessions(); i++) {
                String id = String.format("phone-%04d", i);
                started.add(starters.submit(() -> {
                    host.start(new PhoneRequest(id, id + "@bench", image, data.resolve(id)));
                    DisplayClient client = DisplayClient.connect(http, URI.create(base + id), Map.of(), 720, 1560);
                    Session s = new Session(id, client);
                    s.awaitHome();
                    if (up.incrementAndGet() % 10 == 0) {
                        o.progress().printf("  %d phones up%n", up.get());
                    }
                    return s;
                }));
            }
            for (Future<Session> f : started) {
                sessions.add(f.get());
            }
        } catch (ExecutionException e) {
            throw new IOException("a phone did not start: " + e.getCause().getMessage(), e.getCause());
        } finally {
            starters.shutdownNow();
        }
    }

    /** One viewer on one phone, tapping. */
    private static final class Session {
        final String id;
        final DisplayClient client;
        final LatencySamples samples = new LatencySamples();
        /** The home screen and Notes as they are once settled, learnt in the warm-up: each timed tap starts from one of them. */
        private int[] home;
        private int[] notes;

        Session(String id, DisplayClient client) {
            this.id = id;
            this.client = client;
        }

        /** Waits for the first frames until the home screen is drawn (many colours, not a blank start-up screen). */
        void awaitHome() throws InterruptedException {
            client.await(c -> {
                if (c.frames() < 1) {
                    return false;
                }
                int[] screen = c.screen();
                return Arrays.stream(screen, FIRST_STABLE_ROW * c.width(), screen.length).distinct().count() > 20;
            }, Duration.ofMinutes(5));
        }

        /**
         * Opens the app and goes back, untimed, until two rounds in a row end on the same two screens:
         * the first opening of an app is app start, not input latency, and the home screen changes
         * by itself once (it shows the user's name when the phone learns it).
         */
        void warmUp() throws InterruptedException {
            for (int round = 0; round < WARM_UP_ROUNDS; round++) {
                int[][] seen = new int[2][];
                for (int i = 0; i < 2; i++) {
                    if (tap(i == 0 ? BenchPhones.APP_TILE : BenchPhones.BACK_BUTTON, client.screen(), WARM_UP_WAIT) < 0) {
                        throw new IllegalStateException("phone " + id + " did not answer a tap within " + WARM_UP_WAIT.toSeconds() + " s");
                    }
                    awaitQuiet();
                    seen[i] = client.screen();
                }
                boolean same = notes != null && Arrays.equals(notes, seen[0]) && Arrays.equals(home, seen[1]);
                notes = seen[0];
                home = seen[1];
                if (same && !Arrays.equals(home, notes)) {
                    return;
                }
            }
            throw new IllegalStateException("phone " + id + " shows no steady home screen and Notes after " + WARM_UP_ROUNDS
                    + " rounds; the last two differ in " + changedArea(home, notes, client.width()));
        }

        /**
         * Taps, paced, from {@code firstAt} until {@code deadline}: on the home screen the Notes tile,
         * on Notes the back button, each timed to its first changed frame. A tap waits until the
         * screen is one of the two settled ones, so that no frame of the last transition ends it.
         */
        void drive(double tapsPerSecond, long firstAt, long deadline, LatencySamples all, AtomicInteger missed, AtomicInteger unsettled)
                throws InterruptedException {
            long interval = (long) (1e9 / tapsPerSecond);
            for (long next = firstAt; next < deadline; next += interval) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait); // pacing the taps, not waiting for a condition
                }
                try {
                    client.await(c -> c.sameRows(home, FIRST_STABLE_ROW) || c.sameRows(notes, FIRST_STABLE_ROW), FRAME_WAIT);
                } catch (AssertionError timedOut) { // how DisplayClient.await says the time ran out
                    unsettled.incrementAndGet();
                    continue;
                }
                boolean onHome = client.sameRows(home, FIRST_STABLE_ROW);
                long micros = tap(onHome ? BenchPhones.APP_TILE : BenchPhones.BACK_BUTTON, onHome ? home : notes, FRAME_WAIT);
                if (micros < 0) {
                    missed.incrementAndGet();
                } else {
                    samples.add(micros);
                    all.add(micros);
                }
            }
        }

        /**
         * Taps at {@code at} and returns the microseconds until the first frame whose screen below the
         * status bar differs from {@code before} (-1 if none came).
         */
        private long tap(double[] at, int[] before, Duration timeout) throws InterruptedException {
            int x = (int) (at[0] * client.width());
            int y = (int) (at[1] * client.height());
            long seen = client.frames();
            long[] changedAt = {0};
            long t0 = System.nanoTime();
            client.send(new ClientTouch(Touch.Action.DOWN, 0, x, y));
            client.send(new ClientTouch(Touch.Action.UP, 0, x, y));
            try {
                // Checked under the client's lock whenever a message came; the last decoded frame's time ends the sample
                // (later than the first changed frame's only if this thread woke after more than one had come).
                client.await(c -> {
                    if (c.frames() > seen && !c.sameRows(before, FIRST_STABLE_ROW)) {
                        changedAt[0] = c.lastFrameNanos();
                        return true;
                    }
                    return false;
                }, timeout);
            } catch (AssertionError timedOut) { // how DisplayClient.await says the time ran out
                return -1;
            }
            return (changedAt[0] - t0) / 1000;
        }

        /** Waits (up to a limit) until no frame has come for a while: in the warm-up, the transition has ended. */
        private void awaitQuiet() throws InterruptedException {
            long limit = System.nanoTime() + QUIET_LIMIT_NANOS;
            while (true) {
                long now = System.nanoTime();
                long still = now - client.lastFrameNanos();
                if (still >= QUIET_NANOS || now >= limit) {
                    return;
                }
                TimeUnit.NANOSECONDS.sleep(QUIET_NANOS - still); // frames carry no "last of a transition" mark: stillness is all there is
            }
        }
    }

    /** The smallest rectangle holding every pixel that differs, as {@code x0,y0-x1,y1}. */
    private static String changedArea(int[] a, int[] b, int width) {
        int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = -1, y1 = -1;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (a[i] != b[i]) {
                x0 = Math.min(x0, i % width);
                x1 = Math.max(x1, i % width);
                y0 = Math.min(y0, i / width);
                y1 = Math.max(y1, i / width);
            }
        }
        return x1 < 0 ? "size only" : x0 + "," + y0 + "-" + x1 + "," + y1;
    }
}
