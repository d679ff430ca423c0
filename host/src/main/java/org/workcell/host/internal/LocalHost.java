package org.workcell.host.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.workcell.channel.Disabled;
import org.workcell.channel.Key;
import org.workcell.channel.Lock;
import org.workcell.channel.Message;
import org.workcell.channel.Policy;
import org.workcell.channel.Resize;
import org.workcell.channel.Status;
import org.workcell.channel.Text;
import org.workcell.channel.Touch;
import org.workcell.channel.Unlock;
import org.workcell.host.DisplayListener;
import org.workcell.host.DisplaySession;
import org.workcell.host.Host;
import org.workcell.host.HostConfig;
import org.workcell.host.HostException;
import org.workcell.host.HostStatus;
import org.workcell.host.Isolation;
import org.workcell.host.PhoneImage;
import org.workcell.host.PhoneInfo;
import org.workcell.host.PhoneRequest;
import org.workcell.host.PhoneState;
import org.workcell.host.internal.sandbox.Cgroups;
import org.workcell.host.internal.sandbox.Sandbox;
import org.workcell.host.internal.sandbox.SandboxProbe;
import org.workcell.host.internal.sandbox.SeccompFilter;
import org.workcell.host.internal.sandbox.Unsandboxed;

/** Phones as sandboxed child processes of this JVM. */
public final class LocalHost implements Host {
    private static final Logger log = LoggerFactory.getLogger(LocalHost.class);

    private final HostConfig config;
    private final Sandbox sandbox;
    private final Optional<Cgroups> cgroups;
    private final boolean root;
    private final PhoneUids uids;
    private final Path seccompProgram;
    private final List<String> warnings;
    private final ScheduledExecutorService scheduler;
    private final java.util.concurrent.ExecutorService spawner;
    private final Map<String, PhoneSupervisor> phones = new LinkedHashMap<>();
    private volatile boolean closed;

    private LocalHost(HostConfig config, Sandbox sandbox, Optional<Cgroups> cgroups, boolean root, Path seccompProgram,
                      List<String> warnings) throws IOException {
        this.config = config;
        this.sandbox = sandbox;
        this.cgroups = cgroups;
        this.root = root && sandbox.isolation() != Isolation.NONE;
        this.uids = new PhoneUids(config.runFolder());
        this.seccompProgram = seccompProgram;
        this.warnings = List.copyOf(warnings);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("host-scheduler").daemon().factory());
        this.spawner = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("host-spawner").daemon().factory());
    }

    public static LocalHost open(HostConfig config) {
        try {
            Files.createDirectories(config.runFolder());
            Sandbox sandbox = chooseSandbox(config);
            List<String> warnings = new ArrayList<>();
            if (sandbox.isolation() == Isolation.NONE) {
                warnings.add("phones run WITHOUT A SANDBOX (--insecure-no-sandbox): each can read and change everything this host can");
            } else if (!sandbox.seccomp()) {
                warnings.add("no seccomp filter: unshare cannot load one (install bubblewrap for it)");
            }
            String hostName = hostName(config.runFolder());
            Optional<Cgroups> cgroups = sandbox.isolation() == Isolation.NONE ? Optional.empty() : Cgroups.detect(hostName);
            if (cgroups.isEmpty()) {
                warnings.add("no writable cgroup v1 hierarchy and no delegated cgroup v2 subtree with memory, pids and cpu: memory is limited by rlimits and the JVM, tasks by RLIMIT_NPROC, "
                        + "CPU not at all, and suspend uses SIGSTOP");
            }
            boolean root = SandboxProbe.isRoot();
            if (!root && sandbox.isolation() != Isolation.NONE) {
                warnings.add("the host is not root: phones share its user id outside their namespaces, and RLIMIT_NPROC counts "
                        + "them together");
            }
            Path seccomp = sandbox.seccomp() ? SeccompFilter.forCurrentArchitecture().writeTo(config.runFolder()) : null;
            LocalHost host = new LocalHost(config, sandbox, cgroups, root, seccomp, warnings);
            warnings.forEach(w -> log.atWarn().log("host: {}", w));
            return host;
        } catch (IOException e) {
            throw new HostException("the host could not prepare " + config.runFolder() + ": " + e.getMessage(), e);
        }
    }

    /** Hosts with different run folders keep their phones' cgroups apart. */
    private static String hostName(Path runFolder) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(runFolder.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Sandbox chooseSandbox(HostConfig config) {
        Isolation wanted = config.isolation();
        if (wanted == Isolation.NONE || wanted == null && config.insecureNoSandbox()
                && SandboxProbe.bubblewrap().isEmpty() && SandboxProbe.unshare().isEmpty()) {
            if (!config.insecureNoSandbox()) {
                throw new HostException("running phones without a sandbox needs --insecure-no-sandbox");
            }
            return new Unsandboxed();
        }
        if (wanted == null || wanted == Isolation.BUBBLEWRAP) {
            Optional<Sandbox> bwrap = SandboxProbe.bubblewrap();
            if (bwrap.isPresent()) {
                return bwrap.get();
            }
            if (wanted == Isolation.BUBBLEWRAP) {
                throw new HostException("bubblewrap does not work here: install it (apt-get install bubblewrap) and allow user namespaces");
            }
        }
        Optional<Sandbox> unshare = SandboxProbe.unshare();
        if (unshare.isPresent()) {
            return unshare.get();
        }
        throw new HostException("no sandbox works here: install bubblewrap (apt-get install bubblewrap) or allow unprivileged user "
                + "namespaces; or, to run phones unprotected, start with --insecure-no-sandbox");
    }

    // ---- for the supervisors --------------------------------------------------------------------

    HostConfig config() {
        return config;
    }

    Sandbox sandbox() {
        return sandbox;
    }

    Optional<Cgroups> cgroups() {
        return cgroups;
    }

    Path seccompProgram() {
        return seccompProgram;
    }

    /**
     * Starts a phone's process from the host's own long-lived thread. The sandbox asks the kernel
     * to kill the phone when its parent goes (so no phone outlives a crashed host), and the kernel
     * means the parent *thread*: a process started from a caller's thread, say a request's or a
     * pool's, would be killed as soon as that thread ended.
     */
    Process spawn(ProcessBuilder builder) throws IOException {
        try {
            return spawner.submit(builder::start).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new HostException("the host is shutting down");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the phone's process", e);
        }
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    Instant now() {
        return config.clock().instant();
    }

    boolean closed() {
        return closed;
    }

    OptionalInt uidFor(String phoneId) throws IOException {
        return root ? OptionalInt.of(uids.of(phoneId)) : OptionalInt.empty();
    }

    Path scratch(String phoneId) throws IOException {
        Path dir = config.runFolder().resolve("phones").resolve(phoneId);
        Files.createDirectories(dir.resolve("root"));
        Files.createDirectories(dir.resolve("tmp"));
        return dir;
    }

    /** A phone with its own user must be able to reach its folders; say which folder stops it, rather than fail inside the sandbox. */
    void checkReachable(PhoneRequest request, OptionalInt uid) throws IOException {
        if (uid.isEmpty()) {
            return;
        }
        List<Path> targets = List.of(request.image().folder(), request.dataFolder().getParent(), config.runtime().javaHome(),
                config.runFolder());
        for (Path target : targets) {
            for (Path p = target; p != null; p = p.getParent()) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
                int owner = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
                if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE) && owner != uid.getAsInt()) {
                    throw new HostException("phone " + request.phoneId() + " runs as its own user and cannot pass " + p
                            + ": allow others to enter it (chmod o+x " + p + ") or keep images and data elsewhere");
                }
            }
        }
    }

    // ---- Host -----------------------------------------------------------------------------------

    @Override
    public HostStatus status() {
        int count;
        synchronized (phones) {
            count = phones.size();
        }
        return new HostStatus(sandbox.isolation(), sandbox.seccomp(), root, cgroups.map(Cgroups::version).orElse("rlimit"),
                config.limits(), count, warnings);
    }

    @Override
    public PhoneInfo start(PhoneRequest request) {
        if (closed) {
            throw new HostException("the host is shutting down");
        }
        PhoneSupervisor phone;
        synchronized (phones) {
            for (PhoneSupervisor other : phones.values()) {
                PhoneRequest r = other.request();
                if (!r.phoneId().equals(request.phoneId()) && r.dataFolder().equals(request.dataFolder())
                        && other.state() != PhoneState.STOPPED) {
                    throw new HostException("phone " + r.phoneId() + " already uses " + request.dataFolder());
                }
            }
            phone = phones.computeIfAbsent(request.phoneId(), id -> new PhoneSupervisor(this, request));
        }
        synchronized (phone) {
            PhoneState state = phone.state();
            if (state != PhoneState.STOPPED && state != PhoneState.CRASHED) {
                if (!phone.request().equals(request)) {
                    throw new HostException("phone " + request.phoneId() + " runs already with another image or data folder; "
                            + "upgrade it or stop it first");
                }
                return phone.info();
            }
            phone.start(request);
            return phone.info();
        }
    }

    @Override
    public List<PhoneInfo> list() {
        List<PhoneSupervisor> all;
        synchronized (phones) {
            all = List.copyOf(phones.values());
        }
        return all.stream().map(PhoneSupervisor::info).toList();
    }

    @Override
    public Optional<PhoneInfo> get(String phoneId) {
        return find(phoneId).map(PhoneSupervisor::info);
    }

    private Optional<PhoneSupervisor> find(String phoneId) {
        synchronized (phones) {
            return Optional.ofNullable(phones.get(phoneId));
        }
    }

    private PhoneSupervisor phone(String phoneId) {
        return find(phoneId).orElseThrow(() -> new HostException("no phone " + phoneId + " on this host"));
    }

    @Override
    public DisplaySession attach(String phoneId, DisplayListener listener) {
        return phone(phoneId).attach(listener);
    }

    @Override
    public void send(String phoneId, Message message) {
        boolean allowed = message instanceof Touch || message instanceof Key || message instanceof Text || message instanceof Resize
                || message instanceof Policy || message instanceof Status || message instanceof Lock || message instanceof Unlock
                || message instanceof Disabled;
        if (!allowed) {
            throw new IllegalArgumentException(message.getClass().getSimpleName() + " is the host's own message, not input or a setting");
        }
        phone(phoneId).send(message);
    }

    @Override
    public void suspend(String phoneId) {
        phone(phoneId).suspend();
    }

    @Override
    public void resume(String phoneId) {
        phone(phoneId).resume();
    }

    @Override
    public int suspendIdle() {
        List<PhoneSupervisor> all;
        synchronized (phones) {
            all = List.copyOf(phones.values());
        }
        int n = 0;
        for (PhoneSupervisor p : all) {
            if (p.idleFor(config.idleSuspend())) {
                p.suspend();
                n++;
            }
        }
        return n;
    }

    @Override
    public void stop(String phoneId) {
        phone(phoneId).stop();
    }

    @Override
    public PhoneInfo upgrade(String phoneId, PhoneImage image) {
        PhoneSupervisor phone = phone(phoneId);
        PhoneRequest old = phone.request();
        phone.stop();
        PhoneRequest next = new PhoneRequest(old.phoneId(), old.user(), image, old.dataFolder());
        synchronized (phone) {
            phone.start(next);
            return phone.info();
        }
    }

    @Override
    public void tearDown(String phoneId) {
        PhoneSupervisor phone = phone(phoneId);
        phone.stop();
        phone.detachAll("the phone was torn down");
        config.containerKeys().revoke(phoneId);
        synchronized (phones) {
            phones.remove(phoneId, phone);
        }
    }

    @Override
    public void close() {
        closed = true;
        List<PhoneSupervisor> all;
        synchronized (phones) {
            all = List.copyOf(phones.values());
        }
        // Stop in parallel: each may take the stop timeout.
        List<Thread> stoppers = new ArrayList<>();
        for (PhoneSupervisor p : all) {
            stoppers.add(Thread.ofVirtual().start(() -> {
                p.stop();
                p.detachAll("the host is shutting down");
            }));
        }
        for (Thread t : stoppers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        scheduler.shutdownNow();
        spawner.shutdownNow();
        cgroups.ifPresent(Cgroups::close);
    }

    /** For the attack tests: a phone of another user running {@code HostilePhone} from the same image. */
    void startHostile(Path data) {
        PhoneRequest victim = phone("victim").request();
        PhoneSupervisor attacker;
        synchronized (phones) {
            attacker = phones.computeIfAbsent("attacker", id -> new PhoneSupervisor(this, victim));
        }
        attacker.mainClass = "org.workcell.host.testing.HostilePhone";
        attacker.start(new PhoneRequest("attacker", "mallory", victim.image(), data));
    }

    /** For tests in this package: whether the kernel has the phone's processes frozen or stopped. */
    boolean frozen(String phoneId) throws IOException {
        return phone(phoneId).frozen();
    }
}
