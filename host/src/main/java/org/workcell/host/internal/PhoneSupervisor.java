package org.workcell.host.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.workcell.channel.Channel;
import org.workcell.channel.Clipboard;
import org.workcell.channel.Disabled;
import org.workcell.channel.FrameAck;
import org.workcell.channel.FrameUpdate;
import org.workcell.channel.Framebuffer;
import org.workcell.channel.GatewayRequest;
import org.workcell.channel.GatewayResponse;
import org.workcell.channel.Hello;
import org.workcell.channel.Lifecycle;
import org.workcell.channel.LifecycleState;
import org.workcell.channel.Lock;
import org.workcell.channel.Message;
import org.workcell.channel.Policy;
import org.workcell.channel.Resize;
import org.workcell.channel.Status;
import org.workcell.channel.Unlock;
import org.workcell.channel.Welcome;
import org.workcell.core.crypto.Ed25519;
import org.workcell.host.DisplayListener;
import org.workcell.host.DisplaySession;
import org.workcell.host.HostException;
import org.workcell.host.PhoneInfo;
import org.workcell.host.PhoneRequest;
import org.workcell.host.PhoneState;
import org.workcell.host.ResourceUse;
import org.workcell.host.internal.display.FrameMerger;
import org.workcell.host.internal.sandbox.Cgroups;
import org.workcell.host.internal.sandbox.Launcher;
import org.workcell.host.internal.sandbox.PhoneView;
import org.workcell.host.internal.sandbox.SandboxSpec;

/**
 * One phone: its process, channel, display mirror and life. Every state change happens under this
 * object's lock; listeners are called outside it.
 */
final class PhoneSupervisor {
    private static final Logger log = LoggerFactory.getLogger(PhoneSupervisor.class);
    /** Gateway requests one phone may have outstanding; more are answered 429 at once. */
    private static final int GATEWAY_IN_FLIGHT = 16;
    private static final int STDERR_LINES = 20;

    private final LocalHost host;
    /** The class the phone's JVM starts: the runtime's, unless a test says otherwise. */
    String mainClass;
    private PhoneRequest request;
    private PhoneState state = PhoneState.STOPPED;
    private Instant since;
    private int restarts;
    private int crashStreak;
    private String lastExit;
    private boolean stopRequested;
    private long generation; // which process the callbacks belong to

    private Process process;
    private PhoneChannel channel;
    private Cgroups.PhoneCgroup cgroup;
    /** The container key made for the current process, handed over in Welcome and then dropped. */
    private KeyPair pendingKey;
    private final Deque<String> stderr = new ArrayDeque<>();
    private final Semaphore gatewaySlots = new Semaphore(GATEWAY_IN_FLIGHT);
    private CompletableFuture<Void> saved = new CompletableFuture<>();
    /** Completed once the current process's exit is fully handled, display clients told included. */
    private CompletableFuture<Void> exitHandled = CompletableFuture.completedFuture(null);

    // What the phone must be told again after every restart.
    private Policy policy;
    private Status status;
    private boolean locked;
    private Disabled disabled;

    // Display: the mirror is always current; the merger collects changes for the attached client.
    private final Object display = new Object();
    private Framebuffer mirror;
    private FrameMerger merger;
    private Session session;
    private long framesTaken;
    private Instant idleSince;

    PhoneSupervisor(LocalHost host, PhoneRequest request) {
        this.host = host;
        this.request = request;
        this.since = host.now();
        this.idleSince = since;
    }

    synchronized PhoneRequest request() {
        return request;
    }

    synchronized PhoneInfo info() {
        ResourceUse use = process != null && process.isAlive() ? ProcessTree.use(process.toHandle()) : ResourceUse.NONE;
        boolean attached;
        synchronized (display) {
            attached = session != null;
        }
        return new PhoneInfo(request.phoneId(), request.user(), request.image().version(), state, since, restarts, lastExit, attached, use);
    }

    synchronized PhoneState state() {
        return state;
    }

    // ---- lifecycle ------------------------------------------------------------------------------

    synchronized void start(PhoneRequest newRequest) {
        if (state != PhoneState.STOPPED && state != PhoneState.CRASHED) {
            throw new HostException("phone " + request.phoneId() + " is " + state.name().toLowerCase() + "; stop it first");
        }
        request = newRequest;
        stopRequested = false;
        crashStreak = 0;
        launch();
    }

    /** Starts the process; on failure the phone is left CRASHED with the reason, and the exception thrown. */
    private void launch() {
        long gen = ++generation;
        String id = request.phoneId();
        try {
            OptionalInt uid = host.uidFor(id);
            Path scratch = host.scratch(id);
            prepareData(request.dataFolder(), uid);
            host.checkReachable(request, uid);
            cgroup = host.cgroups().isPresent() ? host.cgroups().get().create(id, host.config().limits()) : null;
            KeyPair key = Ed25519.generate();
            host.config().containerKeys().register(id, request.user(), key.getPublic());
            SandboxSpec bare = new SandboxSpec(id, request.image().folder(), request.dataFolder(), scratch,
                    List.of(host.config().runtime().javaHome()), host.config().limits(), Map.of());
            PhoneView view = host.sandbox().view(bare);
            SandboxSpec spec = new SandboxSpec(id, bare.image(), bare.data(), scratch, bare.readOnly(), bare.limits(), environment(view));
            List<String> command = Launcher.command(host.sandbox(), spec, phoneCommand(view), uid,
                    cgroup == null ? List.of() : cgroup.procsFiles(), cgroup != null);
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().clear();
            builder.environment().putAll(spec.env());
            if (host.sandbox().seccomp()) {
                builder.environment().put("WORKCELL_SECCOMP", host.seccompProgram().toString());
            }
            if (host.sandbox().isolation() == org.workcell.host.Isolation.NONE) {
                log.atWarn().addKeyValue("phone", id).log("starting a phone WITHOUT A SANDBOX (--insecure-no-sandbox): it can read "
                        + "everything this host can");
            }
            Process p = host.spawn(builder);
            process = p;
            pendingKey = key;
            state = PhoneState.STARTING;
            since = host.now();
            stderr.clear();
            saved = new CompletableFuture<>();
            exitHandled = new CompletableFuture<>();
            channel = new PhoneChannel(p.getInputStream(), p.getOutputStream(), new Handler(gen));
            channel.start("phone-" + id);
            PhoneChannel.startPipeThread("phone-" + id + "-log", () -> pumpStderr(p, gen));
            p.onExit().thenRun(() -> exited(gen, p));
            host.scheduler().schedule(() -> helloTimeout(gen), host.config().helloTimeout().toMillis(), TimeUnit.MILLISECONDS);
            log.atInfo().addKeyValue("phone", id).addKeyValue("user", request.user()).addKeyValue("image", request.image().version())
                    .addKeyValue("isolation", host.sandbox().isolation()).log("phone starting");
        } catch (IOException | RuntimeException e) {
            state = PhoneState.CRASHED;
            lastExit = "could not start: " + e.getMessage();
            host.config().containerKeys().revoke(id);
            if (cgroup != null) {
                cgroup.destroy();
                cgroup = null;
            }
            throw e instanceof HostException h ? h : new HostException("phone " + id + " could not start: " + e.getMessage(), e);
        }
    }

    private Map<String, String> environment(PhoneView view) {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", view.data());
        env.put("FONTCONFIG_FILE", view.image() + "/fonts/fonts.conf"); // the image's fonts, no others
        env.put("XDG_CACHE_HOME", view.tmp());
        env.put("LANG", "C.UTF-8");
        env.put("TZ", java.time.ZoneId.systemDefault().getId());
        env.put("MALLOC_ARENA_MAX", "2"); // glibc's per-thread arenas would reserve 64 MiB each
        return env;
    }

    private List<String> phoneCommand(PhoneView view) {
        var limits = host.config().limits();
        var runtime = host.config().runtime();
        List<String> c = new ArrayList<>(List.of(runtime.javaHome().resolve("bin/java").toString(),
                // Sized for density: a small young generation keeps the heap's touched pages few (eden's
                // pages stay resident once used), and C1 alone compiles in a fraction of C2's time and
                // memory; UI code spends its time in the JDK's native rasteriser either way.
                "-XX:+UseSerialGC", "-Xmx" + limits.heapMb() + "m", "-Xmn" + Math.max(2, Math.min(12, limits.heapMb() / 4)) + "m",
                "-XX:TieredStopAtLevel=1", "-Xss512k", "-XX:MaxMetaspaceSize=96m",
                "-XX:CompressedClassSpaceSize=64m", "-XX:ReservedCodeCacheSize=48m", "-XX:MaxDirectMemorySize=32m",
                "-XX:ActiveProcessorCount=" + Math.max(1, (int) Math.ceil(limits.cpus())), "-XX:-UsePerfData",
                "-XX:+ExitOnOutOfMemoryError",
                // Standard output is the channel: the JVM's own messages and logs must go to standard error.
                "-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=warning:stderr", "-Djava.awt.headless=true", "-Djava.io.tmpdir=" + view.tmp(),
                "-cp", view.image() + "/system/lib/*"));
        c.addAll(List.of(mainClass != null ? mainClass : runtime.mainClass(), view.image(), view.data(), request.image().version()));
        return c;
    }

    private void prepareData(Path data, OptionalInt uid) throws IOException {
        Files.createDirectories(data);
        if (uid.isPresent()) {
            int owner = (Integer) Files.getAttribute(data, "unix:uid");
            if (owner != uid.getAsInt()) {
                try (var paths = Files.walk(data)) {
                    for (Path p : (Iterable<Path>) paths::iterator) {
                        Files.setAttribute(p, "unix:uid", uid.getAsInt(), java.nio.file.LinkOption.NOFOLLOW_LINKS);
                        Files.setAttribute(p, "unix:gid", uid.getAsInt(), java.nio.file.LinkOption.NOFOLLOW_LINKS);
                    }
                }
            }
            Files.setPosixFilePermissions(data, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
    }

    private void pumpStderr(Process p, long gen) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            long windowStart = System.nanoTime();
            int inWindow = 0;
            for (String line; (line = in.readLine()) != null; ) {
                String clipped = line.length() > 500 ? line.substring(0, 500) + "…" : line;
                synchronized (this) {
                    if (gen == generation) {
                        if (stderr.size() == STDERR_LINES) {
                            stderr.removeFirst();
                        }
                        stderr.addLast(clipped);
                    }
                }
                // A phone may write as much as it likes; the host's log takes 50 lines a second of it.
                if (System.nanoTime() - windowStart > 1_000_000_000L) {
                    windowStart = System.nanoTime();
                    inWindow = 0;
                }
                if (++inWindow <= 50) {
                    log.atInfo().addKeyValue("phone", request.phoneId()).log("phone: {}", clipped);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** The phone's last few lines on standard error that say something (an exception, say), oldest first. */
    private List<String> lastLines(int n) {
        List<String> lines = new ArrayList<>();
        for (var it = stderr.descendingIterator(); it.hasNext() && lines.size() < n; ) {
            String line = it.next().strip();
            if (!line.isEmpty() && !line.startsWith("at ")) {
                lines.addFirst(line);
            }
        }
        return lines;
    }

    private void helloTimeout(long gen) {
        synchronized (this) {
            if (gen != generation || state != PhoneState.STARTING) {
                return;
            }
        }
        kill(gen, "the phone did not greet its host within " + host.config().helloTimeout().toSeconds() + " s");
    }

    private void kill(long gen, String reason) {
        Process p;
        synchronized (this) {
            if (gen != generation || process == null) {
                return;
            }
            if (lastExit == null || !lastExit.startsWith("killed")) {
                lastExit = "killed: " + reason;
            }
            p = process;
        }
        log.atWarn().addKeyValue("phone", request.phoneId()).log("killing the phone: {}", reason);
        if (cgroup != null) {
            try {
                cgroup.freeze(false);
            } catch (IOException ignored) {
                // nothing frozen
            }
        }
        ProcessTree.of(p.toHandle()).forEach(ProcessHandle::destroyForcibly);
    }

    private void exited(long gen, Process p) {
        DisplayListener told = null;
        String detachReason = null;
        boolean restart = false;
        Duration backoff = null;
        synchronized (this) {
            if (gen != generation) {
                return;
            }
            host.config().containerKeys().revoke(request.phoneId());
            if (cgroup != null) {
                cgroup.destroy();
                cgroup = null;
            }
            channel.close();
            String tail = stderr.isEmpty() ? "" : " (last words: " + String.join(" | ", lastLines(4)) + ")";
            if (lastExit == null || !lastExit.startsWith("killed") || stopRequested) {
                lastExit = "exit code " + p.exitValue() + tail;
            } else {
                lastExit = lastExit + "; exit code " + p.exitValue() + tail;
            }
            process = null;
            since = host.now();
            if (stopRequested) {
                state = PhoneState.STOPPED;
                detachReason = "the phone stopped";
            } else {
                state = PhoneState.CRASHED;
                restart = true;
                long factor = 1L << Math.min(crashStreak, 20);
                backoff = host.config().restartBackoff().multipliedBy(factor);
                if (backoff.compareTo(host.config().maxRestartBackoff()) > 0) {
                    backoff = host.config().maxRestartBackoff();
                }
                crashStreak++;
                log.atWarn().addKeyValue("phone", request.phoneId()).addKeyValue("restartIn", backoff).log("phone crashed: {}", lastExit);
            }
        }
        synchronized (display) {
            if (detachReason != null && session != null) {
                told = session.listener;
                session = null;
            }
        }
        if (told != null) {
            told.detached(detachReason);
        }
        CompletableFuture<Void> handled;
        synchronized (this) {
            handled = exitHandled;
        }
        handled.complete(null);
        if (restart) {
            host.scheduler().schedule(() -> restartAfterCrash(gen), backoff.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void restartAfterCrash(long crashedGen) {
        synchronized (this) {
            if (generation != crashedGen || state != PhoneState.CRASHED || stopRequested || host.closed()) {
                return;
            }
            restarts++;
            try {
                launch();
            } catch (HostException e) {
                // launch left the reason in lastExit; try again later
                long gen = generation;
                Duration backoff = host.config().maxRestartBackoff();
                host.scheduler().schedule(() -> restartAfterCrash(gen), backoff.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Asks the phone to save and stop, waits, and kills it after the stop timeout. */
    void stop() {
        long gen;
        synchronized (this) {
            stopRequested = true;
            if (process == null) {
                state = PhoneState.STOPPED;
                return;
            }
            gen = generation;
            thaw();
            state = PhoneState.STOPPING;
            channel.send(new Lifecycle(Lifecycle.Command.STOP));
        }
        Process p = currentProcess();
        try {
            if (p != null && !p.waitFor(host.config().stopTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                kill(gen, "it did not stop within " + host.config().stopTimeout().toSeconds() + " s");
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        CompletableFuture<Void> handled;
        synchronized (this) {
            handled = exitHandled;
        }
        try {
            handled.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.atWarn().addKeyValue("phone", request.phoneId()).log("the phone's exit was not handled within 10 s");
        }
    }

    private synchronized Process currentProcess() {
        return process;
    }

    void suspend() {
        CompletableFuture<Void> wait;
        synchronized (this) {
            if (state != PhoneState.RUNNING) {
                return;
            }
            saved = new CompletableFuture<>();
            wait = saved;
            channel.send(new Lifecycle(Lifecycle.Command.PAUSE));
            channel.send(new Lifecycle(Lifecycle.Command.SAVE));
        }
        try {
            // Frozen phones can still be killed (host shutdown, out of memory): save first.
            wait.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.atWarn().addKeyValue("phone", request.phoneId()).log("suspending a phone that did not confirm its save");
        }
        synchronized (this) {
            if (state != PhoneState.RUNNING || process == null) {
                return;
            }
            try {
                if (cgroup != null) {
                    cgroup.freeze(true);
                } else {
                    ProcessTree.signal(process.toHandle(), "STOP");
                }
                state = PhoneState.SUSPENDED;
                since = host.now();
            } catch (IOException e) {
                throw new HostException("could not freeze phone " + request.phoneId() + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    synchronized void resume() {
        if (state != PhoneState.SUSPENDED) {
            return;
        }
        thaw();
        state = PhoneState.RUNNING;
        since = host.now();
        // Settings that changed while frozen were only remembered.
        resendSettings();
        channel.send(new Lifecycle(Lifecycle.Command.RESUME));
    }

    private void thaw() {
        if (state != PhoneState.SUSPENDED || process == null) {
            return;
        }
        try {
            if (cgroup != null) {
                cgroup.freeze(false);
            } else {
                ProcessTree.signal(process.toHandle(), "CONT");
            }
        } catch (IOException e) {
            throw new HostException("could not thaw phone " + request.phoneId() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean idleFor(Duration idle) {
        synchronized (display) {
            if (session != null) {
                return false;
            }
        }
        Instant since_;
        synchronized (display) {
            since_ = idleSince;
        }
        return state() == PhoneState.RUNNING && !since_.plus(idle).isAfter(host.now());
    }

    // ---- input and settings ---------------------------------------------------------------------

    void send(Message message) {
        synchronized (this) {
            // Settings are remembered: a phone that is still starting gets them with its greeting, a frozen one on resume.
            boolean setting = switch (message) {
                case Policy p -> {
                    policy = p;
                    yield true;
                }
                case Status s -> {
                    status = s;
                    yield true;
                }
                case Lock l -> {
                    locked = true;
                    yield true;
                }
                case Unlock u -> {
                    locked = false;
                    yield true;
                }
                case Disabled d -> {
                    disabled = d;
                    yield true;
                }
                default -> false;
            };
            if (state == PhoneState.SUSPENDED) {
                if (setting) {
                    return;
                }
                resume();
            }
            if (state == PhoneState.RUNNING) {
                channel.send(message);
            }
        }
        synchronized (display) {
            idleSince = host.now();
        }
    }

    private void resendSettings() {
        if (policy != null) {
            channel.send(policy);
        }
        if (status != null) {
            channel.send(status);
        }
        if (disabled != null) {
            channel.send(disabled);
        }
        channel.send(locked ? new Lock() : new Unlock());
    }

    // ---- display --------------------------------------------------------------------------------

    DisplaySession attach(DisplayListener listener) {
        Session old;
        Session created;
        synchronized (display) {
            old = session;
            created = new Session(listener);
            session = created;
            merger = mirror == null ? null : new FrameMerger(mirror.width(), mirror.height());
            idleSince = host.now();
        }
        if (old != null) {
            old.listener.detached("another display client attached to this phone");
        }
        resume();
        if (merger != null) {
            listener.frameReady();
        }
        return created;
    }

    private final class Session implements DisplaySession {
        final DisplayListener listener;

        Session(DisplayListener listener) {
            this.listener = listener;
        }

        @Override
        public String phoneId() {
            return request.phoneId();
        }

        @Override
        public Optional<FrameUpdate> take() {
            synchronized (display) {
                if (session != this || merger == null || !merger.pending()) {
                    return Optional.empty();
                }
                return Optional.of(merger.take(mirror, ++framesTaken));
            }
        }

        @Override
        public int width() {
            synchronized (display) {
                return mirror == null ? 0 : mirror.width();
            }
        }

        @Override
        public int height() {
            synchronized (display) {
                return mirror == null ? 0 : mirror.height();
            }
        }

        @Override
        public void close() {
            synchronized (display) {
                if (session == this) {
                    session = null;
                    merger = null;
                    idleSince = host.now();
                }
            }
        }
    }

    void detachAll(String reason) {
        DisplayListener told = null;
        synchronized (display) {
            if (session != null) {
                told = session.listener;
                session = null;
                merger = null;
            }
        }
        if (told != null) {
            told.detached(reason);
        }
    }

    // ---- the channel ----------------------------------------------------------------------------

    private final class Handler implements PhoneChannel.Handler {
        private final long gen;

        Handler(long gen) {
            this.gen = gen;
        }

        @Override
        public void received(Message message) {
            switch (message) {
                case Hello hello -> greeted(hello);
                case FrameUpdate frame -> frame(frame);
                case Resize resize -> resized(resize);
                case LifecycleState s -> {
                    if (s.state() == LifecycleState.State.SAVED) {
                        synchronized (PhoneSupervisor.this) {
                            saved.complete(null);
                        }
                    }
                }
                case GatewayRequest r -> gateway(r);
                case Clipboard c -> {
                    DisplayListener l = listener();
                    if (l != null) {
                        l.clipboard(c.text());
                    }
                }
                default -> broken("the phone sent a host's message: " + message.getClass().getSimpleName());
            }
        }

        private void greeted(Hello hello) {
            synchronized (PhoneSupervisor.this) {
                if (gen != generation || state != PhoneState.STARTING) {
                    broken("the phone greeted its host twice");
                    return;
                }
                if (hello.version() != Channel.VERSION) {
                    broken("the phone speaks channel version " + hello.version() + ", this host " + Channel.VERSION);
                    return;
                }
                channel.send(new Welcome(Channel.VERSION, request.phoneId(), request.user(), pendingKey.getPrivate().getEncoded()));
                pendingKey = null;
                resendSettings();
                state = PhoneState.RUNNING;
                since = host.now();
                if (restarts > 0 && crashStreak > 0) {
                    log.atInfo().addKeyValue("phone", request.phoneId()).log("phone running again after a crash");
                }
            }
            boolean tell;
            synchronized (display) {
                mirror = new Framebuffer(hello.width(), hello.height());
                tell = session != null;
                merger = tell ? new FrameMerger(hello.width(), hello.height()) : null;
            }
        }

        private void frame(FrameUpdate update) {
            DisplayListener l;
            synchronized (display) {
                if (mirror == null) {
                    broken("the phone sent a frame before greeting its host");
                    return;
                }
                mirror.apply(update); // the reader already checked every rect against the display size
                if (merger != null) {
                    merger.add(update);
                }
                l = session == null ? null : session.listener;
            }
            synchronized (PhoneSupervisor.this) {
                if (gen == generation) {
                    channel.send(new FrameAck(update.frame()));
                    if (crashStreak > 0 && since.plus(host.config().maxRestartBackoff()).isBefore(host.now())) {
                        crashStreak = 0; // ran well for a while: the next crash starts the backoff again
                    }
                }
            }
            if (l != null) {
                l.frameReady();
            }
        }

        private void resized(Resize resize) {
            synchronized (display) {
                if (mirror == null) {
                    broken("the phone resized before greeting its host");
                    return;
                }
                mirror.resize(resize.width(), resize.height());
                if (merger != null) {
                    merger.resized(resize.width(), resize.height());
                }
            }
        }

        private void gateway(GatewayRequest r) {
            if (!gatewaySlots.tryAcquire()) {
                reply(new GatewayResponse(r.id(), 429, "{\"detail\":\"too many gateway requests in flight\"}".getBytes(StandardCharsets.UTF_8)));
                return;
            }
            String phoneId = request.phoneId();
            String user = request.user();
            Thread.ofVirtual().name("phone-" + phoneId + "-gateway").start(() -> {
                try {
                    GatewayResponse response;
                    try {
                        response = host.config().gateway().relay(phoneId, user, r);
                    } catch (RuntimeException e) {
                        log.atWarn().setCause(e).addKeyValue("phone", phoneId).log("gateway relay failed");
                        response = new GatewayResponse(r.id(), 502, "{\"detail\":\"the gateway failed\"}".getBytes(StandardCharsets.UTF_8));
                    }
                    reply(response);
                } finally {
                    gatewaySlots.release();
                }
            });
        }

        private void reply(GatewayResponse response) {
            synchronized (PhoneSupervisor.this) {
                if (gen == generation && channel != null) {
                    channel.send(response);
                }
            }
        }

        @Override
        public void broken(String reason) {
            boolean alive;
            synchronized (PhoneSupervisor.this) {
                alive = gen == generation && process != null && process.isAlive();
            }
            if (alive && !reason.equals("the phone closed its channel")) {
                kill(gen, reason);
            }
        }

        private DisplayListener listener() {
            synchronized (display) {
                return session == null ? null : session.listener;
            }
        }
    }

    /** Whether every process of the phone is frozen or stopped, as the kernel reports it. */
    synchronized boolean frozen() throws IOException {
        if (process == null) {
            return false;
        }
        if (cgroup != null) {
            return cgroup.frozen();
        }
        return ProcessTree.stopped(process.toHandle());
    }

}
