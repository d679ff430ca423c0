package org.workcell.server.internal.cloud;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.workcell.display.DisplayStatus;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import org.workcell.host.Host;
import org.workcell.host.HostConfig;
import org.workcell.host.Hosts;
import org.workcell.host.Isolation;
import org.workcell.image.ChunkStore;
import org.workcell.server.internal.group.GroupService;
import org.workcell.server.internal.image.ImageRepository;
import org.workcell.host.HostException;
import org.workcell.host.PhoneInfo;
import org.workcell.host.PhoneRequest;
import org.workcell.host.PhoneState;
import org.workcell.server.internal.audit.AuditLog;
import org.workcell.server.internal.http.Actor;
import org.workcell.thinclient.DisplayBridge;
import org.workcell.thinclient.DisplaySocket;
import org.workcell.thinclient.ViewerSettings;

/**
 * The session broker: gives each signed-in user their own phone, started on demand from their
 * group's image on a {@link Host}, and connects one browser at a time to it. A second browser takes
 * the phone over and the first is told. A phone nobody watches is suspended by the host after a
 * short while and stopped (its state saved in its data folder) after the group's
 * {@code cloudSessionIdleTimeout}; the next sign-in starts it again where the user left it.
 */
public final class CloudPhones implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CloudPhones.class);

    /** A phone as an admin sees it: whose, in what state, and who watches it from where. */
    public record LiveSession(String user, String phoneId, String state, String imageVersion, boolean connected,
                              Instant connectedAt, Instant lastInputAt, String address, String userAgent, long framesSent,
                              long bytesSent, Instant unwatchedSince, long memoryBytes, long cpuMillis) {}

    private record Viewer(CloudUser user, String token, DisplayBridge bridge, String address, String userAgent) {}

    private final Path phonesFolder;
    private final CloudImages images;
    private final Supplier<Host> hostFactory;
    private final CloudAccounts accounts;
    private final AuditLog audit;
    private final Clock clock;
    private final Map<String, Viewer> viewers = new ConcurrentHashMap<>();
    private final Map<String, Instant> unwatchedSince = new ConcurrentHashMap<>();
    private final Map<String, CloudUser> owners = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;
    private Host host;
    private boolean closed;

    CloudPhones(Path phonesFolder, CloudImages images, Supplier<Host> hostFactory, CloudAccounts accounts, AuditLog audit, Clock clock,
                Duration sweepEvery) {
        this.phonesFolder = phonesFolder;
        this.images = images;
        this.hostFactory = hostFactory;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("cloud-sweeper").factory());
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                sweep();
            } catch (RuntimeException e) {
                log.atWarn().setCause(e).log("cloud phone sweep failed");
            }
        }, sweepEvery.toMillis(), sweepEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The broker for a server whose cloud files live in {@code folder}: image trees in {@code images/},
     * users' phone data in {@code phones/}, the host's own files in {@code run/}. The host is made on
     * first use, so that a server that never serves a cloud phone needs no sandbox.
     */
    public static CloudPhones create(Path folder, String sandbox, Duration sweepEvery, GroupService groups, ImageRepository repository, ChunkStore chunks,
                                     PublicKey imageKey, CloudAccounts accounts, AuditLog audit, Clock clock) throws IOException {
        // Phones run as users of their own: they must pass through these folders (not list them) to reach their own.
        for (Path p : List.of(folder, folder.resolve("phones"), folder.resolve("run"))) {
            Files.createDirectories(p);
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx--x--x"));
        }
        Path imagesFolder = Files.createDirectories(folder.resolve("images"));
        Files.setPosixFilePermissions(imagesFolder, PosixFilePermissions.fromString("rwxr-xr-x"));
        CloudImages images = new CloudImages(imagesFolder, groups, repository, chunks, imageKey,
                tree -> org.workcell.phone.PhoneImage.writeTree(tree, org.workcell.phone.PhoneImage.Options.defaults()),
                org.workcell.core.Version.CURRENT);
        Supplier<Host> host = () -> {
            HostConfig config = HostConfig.defaults(folder.resolve("run"));
            config = switch (sandbox) {
                case "bubblewrap" -> config.withIsolation(Isolation.BUBBLEWRAP, false);
                case "unshare" -> config.withIsolation(Isolation.UNSHARE, false);
                case "none" -> config.withIsolation(Isolation.NONE, true);
                default -> config;
            };
            Host made = Hosts.local(config);
            log.atInfo().addKeyValue("isolation", made.status().isolation()).addKeyValue("limits", made.status().limits())
                    .log("cloud phone host ready");
            return made;
        };
        return new CloudPhones(folder.resolve("phones"), images, host, accounts, audit, clock, sweepEvery);
    }

    /** The phone id of a user's cloud phone: stable, and unique because user ids are. */
    static String phoneIdOf(UUID userId) {
        return "u-" + userId;
    }

    /**
     * Connects a browser to the user's phone, starting it if needed and taking it over from any
     * other browser.
     *
     * @throws DisplaySocket.Refused if the phone cannot be started here (the reason says why)
     */
    public DisplayBridge connect(CloudUser user, String token, DisplayBridge.Outbound out, String address, String userAgent) {
        String id = phoneIdOf(user.id());
        CloudImages.Resolved image;
        Host h;
        try {
            image = images.forGroup(user.group());
            h = host();
            ensureRunning(h, id, user, image);
        } catch (IOException | HostException e) {
            log.atWarn().setCause(e).addKeyValue("user", user.name()).log("cannot start a cloud phone");
            throw new DisplaySocket.Refused(DisplayBridge.TRY_AGAIN, "your phone cannot start: " + e.getMessage());
        }
        owners.put(id, user);
        ViewerSettings settings = new ViewerSettings(image.densityDpi(), user.policy().clipboardOut(),
                user.policy().watermark() ? watermark(user) : "");
        Viewer old = viewers.get(id);
        if (old != null) {
            old.bridge().end(DisplayStatus.TAKEN_OVER, "Your phone was opened in another window.");
        }
        DisplayBridge bridge = new DisplayBridge(h, id, settings, out, clock);
        viewers.put(id, new Viewer(user, token, bridge, address, userAgent));
        unwatchedSince.remove(id);
        audit.record(new Actor(Actor.Type.USER, user.name(), address), "user.phone-connected", "user", user.name(), null,
                Map.of("phone", id, "takeover", old != null && !old.bridge().ended()));
        return bridge;
    }

    private static String watermark(CloudUser user) {
        String mark = user.displayName() == null || user.displayName().isBlank() ? user.name() : user.displayName() + " · " + user.name();
        return mark.length() > 80 ? mark.substring(0, 80) : mark;
    }

    private void ensureRunning(Host h, String id, CloudUser user, CloudImages.Resolved image) throws IOException {
        Optional<PhoneInfo> running = h.get(id);
        if (running.isPresent() && running.get().state() == PhoneState.STOPPED) {
            h.tearDown(id);
            running = Optional.empty();
        }
        if (running.isEmpty()) {
            Path data = phonesFolder.resolve(id);
            Files.createDirectories(phonesFolder);
            h.start(new PhoneRequest(id, user.name(), image.image(), data));
            log.atInfo().addKeyValue("user", user.name()).addKeyValue("phone", id).addKeyValue("image", image.image().version())
                    .log("cloud phone started");
        } else if (!running.get().imageVersion().equals(image.image().version())) {
            // The group moved to another image: the phone moves with it, keeping the user's data.
            h.upgrade(id, image.image());
        }
    }

    private synchronized Host host() {
        if (closed) {
            throw new HostException("the server is shutting down");
        }
        if (host == null) {
            host = hostFactory.get();
        }
        return host;
    }

    private synchronized Optional<Host> existingHost() {
        return Optional.ofNullable(host);
    }

    /** The user signed out (or was signed out): the browser that used that session is told and let go. */
    public void signedOut(String token, String text) {
        for (Viewer v : viewers.values()) {
            if (v.token().equals(token)) {
                v.bridge().end(DisplayStatus.SESSION_EXPIRED, text);
            }
        }
    }

    /** Every cloud phone this server runs. */
    public List<LiveSession> sessions() {
        Optional<Host> h = existingHost();
        if (h.isEmpty()) {
            return List.of();
        }
        List<LiveSession> all = new ArrayList<>();
        for (PhoneInfo p : h.get().list()) {
            CloudUser owner = owners.get(p.phoneId());
            Viewer v = viewers.get(p.phoneId());
            boolean live = v != null && !v.bridge().ended();
            DisplayBridge.Info info = live ? v.bridge().info() : null;
            all.add(new LiveSession(owner != null ? owner.name() : p.user(), p.phoneId(), p.state().name().toLowerCase(java.util.Locale.ROOT),
                    p.imageVersion(), live, live ? info.connectedAt() : null, live ? info.lastInputAt() : null,
                    live ? v.address() : null, live ? v.userAgent() : null, live ? info.framesSent() : 0, live ? info.bytesSent() : 0,
                    live ? null : unwatchedSince.get(p.phoneId()), p.resources().memoryBytes(), p.resources().cpuMillis()));
        }
        return all;
    }

    /**
     * An admin ends a user's cloud session: the browser is told and let go, the user's sign-ins end,
     * and with {@code stopPhone} the phone stops too (saving its state). False if the user has no phone here.
     */
    public boolean disconnect(String userName, boolean stopPhone, Actor actor) {
        Optional<Host> h = existingHost();
        Optional<PhoneInfo> phone = h.flatMap(x -> x.list().stream().filter(p -> p.user().equals(userName)).findFirst());
        if (phone.isEmpty()) {
            return false;
        }
        String id = phone.get().phoneId();
        Viewer v = viewers.get(id);
        if (v != null) {
            v.bridge().end(DisplayStatus.SESSION_EXPIRED, "An administrator ended your session.");
        }
        accounts.endSessions(userName);
        if (stopPhone) {
            stop(h.get(), id);
        }
        audit.record(actor, "cloud.disconnect", "user", userName, null, Map.of("phone", id, "stopPhone", stopPhone));
        return true;
    }

    /**
     * Lets go of browsers that left or whose sign-in ended, and stops phones nobody has watched for
     * their group's idle timeout. Runs every sweep interval (the server's {@code cloud.sweep-interval}).
     */
    private void sweep() {
        Optional<Host> h = existingHost();
        if (h.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        for (var e : viewers.entrySet()) {
            Viewer v = e.getValue();
            if (v.bridge().ended()) {
                viewers.remove(e.getKey(), v);
                unwatchedSince.putIfAbsent(e.getKey(), v.bridge().endedAt().orElse(now));
            } else if (accounts.authenticate(v.token()).isEmpty()) {
                v.bridge().end(DisplayStatus.SESSION_EXPIRED, "Your session ended. Sign in again.");
            }
        }
        for (PhoneInfo p : h.get().list()) {
            if (viewers.containsKey(p.phoneId())) {
                continue;
            }
            Instant since = unwatchedSince.computeIfAbsent(p.phoneId(), k -> now);
            CloudUser owner = owners.get(p.phoneId());
            Duration timeout = owner != null ? owner.policy().cloudSessionIdleTimeout()
                    : org.workcell.core.protocol.PolicySettings.defaults().cloudSessionIdleTimeout();
            if (Duration.between(since, now).compareTo(timeout) >= 0) {
                log.atInfo().addKeyValue("phone", p.phoneId()).addKeyValue("unwatchedFor", Duration.between(since, now))
                        .log("stopping a cloud phone nobody watches");
                stop(h.get(), p.phoneId());
                audit.record(Actor.system(), "cloud.phone-stopped", "user", p.user(), null,
                        Map.of("phone", p.phoneId(), "reason", "idle"));
            }
        }
        h.get().suspendIdle();
    }

    private void stop(Host h, String id) {
        try {
            h.stop(id);
            h.tearDown(id);
        } catch (HostException | IllegalArgumentException e) {
            log.atWarn().setCause(e).addKeyValue("phone", id).log("stopping a cloud phone failed");
        }
        unwatchedSince.remove(id);
        owners.remove(id);
    }

    @Override
    public void close() {
        Host h;
        synchronized (this) {
            closed = true;
            h = host;
        }
        sweeper.shutdownNow();
        for (Viewer v : viewers.values()) {
            v.bridge().end(DisplayStatus.PHONE_STOPPED, "The server is restarting; your phone saved its state.");
        }
        if (h != null) {
            h.close();
        }
    }
}
