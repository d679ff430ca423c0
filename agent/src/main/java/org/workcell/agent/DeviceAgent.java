package org.workcell.agent;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Clock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.workcell.agent.internal.ServerClient;
import org.workcell.agent.internal.StateStore;
import org.workcell.core.Version;
import org.workcell.core.crypto.Ed25519;
import org.workcell.core.crypto.KeyFiles;
import org.workcell.core.json.Json;
import org.workcell.core.jws.CompactJws;
import org.workcell.core.jws.JwsException;
import org.workcell.core.protocol.CheckinReport;
import org.workcell.core.protocol.DeviceInfo;
import org.workcell.core.protocol.DeviceRequest;
import org.workcell.core.protocol.EnrollmentRequest;
import org.workcell.core.protocol.EnrollmentResponse;
import org.workcell.core.protocol.Lease;
import org.workcell.core.protocol.PinnedKey;
import org.workcell.core.protocol.ProvisioningBundle;
import org.workcell.core.protocol.TokenTypes;
import org.workcell.image.CaibxFormat;
import org.workcell.image.FetchOptions;
import org.workcell.image.FetchPolicy;
import org.workcell.image.FetchRequest;
import org.workcell.image.FetchResult;
import org.workcell.image.FetchSource;
import org.workcell.image.ImageFetchException;
import org.workcell.image.ImageFetcher;
import org.workcell.image.ImageReader;
import org.workcell.image.Progress;

/**
 * The device side of the protocol: enrol with a one-time code, fetch the signed provisioning
 * bundle, report activation, and renew the lease. Everything the server sends is checked against
 * the keys pinned at enrolment before it is stored or acted on.
 */
public final class DeviceAgent {
    private final StateStore store;
    private final Clock clock;
    private final HttpClient http;

    public DeviceAgent(Path home, Clock clock, HttpClient http) {
        this.store = new StateStore(home);
        this.clock = clock;
        this.http = http;
    }

    public static DeviceAgent open(Path home) {
        return new DeviceAgent(home, Clock.systemUTC(), HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build());
    }

    public Path home() {
        return store.home();
    }

    /** Makes the device key, presents it with the code, and pins the server keys the server returns. */
    public EnrollmentResponse enroll(String serverUrl, String code, DeviceInfo info) throws AgentException {
        try (AutoCloseable lock = store.lock()) {
            if (store.load().isPresent()) {
                throw new AgentException("this home (" + store.home() + ") is enrolled already; use another --home, or wipe this one first");
            }
            KeyPair key;
            try {
                Files.deleteIfExists(store.deviceKey()); // a key from an enrolment that never completed
                key = KeyFiles.loadOrCreate(store.deviceKey());
            } catch (IOException e) {
                throw new AgentException("cannot store the device key in " + store.home() + ": " + e.getMessage(), e);
            }
            EnrollmentRequest request = new EnrollmentRequest(code, Ed25519.publicKeyToBase64(key.getPublic()), info, clock.instant());
            String token = CompactJws.signJson(TokenTypes.ENROLLMENT, Ed25519.keyId(key.getPublic()), request, key.getPrivate());
            ServerClient server = new ServerClient(http, serverUrl);
            EnrollmentResponse response = read(server.postToken("/api/v1/enroll", token), EnrollmentResponse.class, "enrolment answer");
            if (response.serverKeys() == null || response.serverKeys().leaseSigning() == null || response.serverKeys().imageSigning() == null) {
                throw new AgentException("the server's enrolment answer has no signing keys to pin");
            }
            pinned(response.serverKeys().leaseSigning());
            pinned(response.serverKeys().imageSigning());
            store.save(new AgentState(server.baseUrl(), response.deviceId(), response.user(), response.group(),
                    response.serverKeys(), 0, null, null, false, null, null, null));
            return response;
        } catch (AgentException e) {
            throw e;
        } catch (Exception e) {
            throw new AgentException("enrolment failed: " + e.getMessage(), e);
        }
    }

    /** Fetches and verifies the provisioning bundle: image reference, policy and apps. */
    public ProvisioningBundle provision() throws AgentException {
        return locked(() -> {
            AgentState state = store.require();
            String token = new String(send(state, "/api/v1/device/provision", DeviceRequest.Purpose.PROVISION, null), StandardCharsets.US_ASCII);
            ProvisioningBundle bundle = verifyLeaseSigned(store.require(), token, TokenTypes.PROVISIONING, ProvisioningBundle.class);
            if (!state.deviceId().equals(bundle.deviceId())) {
                throw new AgentException("the provisioning bundle is for another device");
            }
            try {
                CompactJws.parse(bundle.imageToken(), TokenTypes.IMAGE_REF).verify(pinned(state.serverKeys().imageSigning()));
            } catch (JwsException e) {
                throw new AgentException("the image reference is not signed by the pinned image key: " + e.getMessage(), e);
            }
            store.save(store.require().withBundle(token));
            return bundle;
        });
    }

    /** Tells the server the work phone is initialised; the device becomes activated. */
    public void activate() throws AgentException {
        locked(() -> {
            AgentState state = store.require();
            if (state.bundleToken() == null) {
                throw new AgentException("provision this device before activating it ('workcell agent provision')");
            }
            send(state, "/api/v1/device/activate", DeviceRequest.Purpose.ACTIVATE, null);
            store.save(store.require().withActivated());
            return null;
        });
    }

    /** Renews the lease: a signed report in, a lease signed by the pinned lease key out. */
    public Lease checkin(String phoneState, java.util.List<Long> completedCommands) throws AgentException {
        return locked(() -> {
            AgentState state = store.require();
            Optional<ProvisioningBundle> bundle = bundle(state);
            CheckinReport report = new CheckinReport(Version.CURRENT,
                    bundle.map(b -> imageVersion(state, b)).orElse(null),
                    bundle.map(ProvisioningBundle::policyVersion).orElse(null),
                    phoneState, completedCommands);
            byte[] answer;
            long sequence;
            try {
                sequence = nextSequence(state);
                answer = post(store.require(), "/api/v1/device/checkin", DeviceRequest.Purpose.CHECKIN, report, sequence);
            } catch (AgentException e) {
                store.save(store.require().withError(e.getMessage()));
                throw e;
            }
            String token = new String(answer, StandardCharsets.US_ASCII);
            Lease lease = verifyLeaseSigned(state, token, TokenTypes.LEASE, Lease.class);
            if (!state.deviceId().equals(lease.deviceId())) {
                throw new AgentException("the lease is for another device");
            }
            // A lease answers exactly one check-in: an older lease replayed by a network attacker does not match.
            if (lease.sequence() != sequence) {
                throw new AgentException("the lease answers check-in " + lease.sequence() + ", not this one (" + sequence + "); ignored");
            }
            store.save(store.require().withLease(token, clock.instant()));
            return lease;
        });
    }

    /** Where to fetch the group's image from, and a token to read it with. */
    public record ImageOffer(String manifest, String indexUrl, String storeUrl, String downloadToken, Instant tokenExpiresAt) {}

    /**
     * Fetches the group's image into {@code target}: the manifest must be signed by the pinned
     * image key and not older than the installed one (unless it carries a signed rollback); the
     * installed payload seeds a delta, so only changed chunks are downloaded; the target is
     * switched only once the whole payload's digest matches.
     */
    public FetchResult fetchImage(Path target, Progress.Listener progress) throws AgentException {
        return locked(() -> {
            AgentState state = store.require();
            ImageOffer offer = read(new ServerClient(http, state.serverUrl()).getSigned("/api/v1/device/image",
                    signRequest(state, DeviceRequest.Purpose.IMAGE, null, nextSequence(state))), ImageOffer.class, "image offer");
            PublicKey imageKey = pinned(state.serverKeys().imageSigning());
            Path indexFile = target.resolveSibling(target.getFileName() + ".caibx");
            FetchPolicy policy = FetchPolicy.NOTHING_INSTALLED;
            FetchRequest request;
            try {
                if (state.imageManifest() != null && Files.exists(target)) {
                    policy = FetchPolicy.installed(ImageReader.verifyManifest(state.imageManifest(), imageKey));
                }
                request = FetchRequest.of(offer.manifest(), imageKey, policy, FetchRequest.IndexSource.at(offer.indexUrl()), target)
                        .withProgress(progress);
                if (policy != FetchPolicy.NOTHING_INSTALLED && Files.exists(indexFile)) {
                    request = request.withSeed(target, CaibxFormat.read(Files.readAllBytes(indexFile)));
                }
            } catch (JwsException | IOException e) {
                throw new AgentException("the installed image's records are damaged (" + e.getMessage() + "); remove " + target
                        + " to fetch the whole image again", e);
            }
            URI base = URI.create(offer.storeUrl().endsWith("/") ? offer.storeUrl() : offer.storeUrl() + "/");
            try (FetchSource source = FetchSource.http(base, FetchSource.HttpOptions.DEFAULT.withBearerToken(offer.downloadToken()));
                 ImageFetcher fetcher = new ImageFetcher(source, CaibxFormat::read, FetchOptions.DEFAULT)) {
                FetchResult result = fetcher.fetch(request);
                Files.write(indexFile, CaibxFormat.write(result.index()));
                store.save(store.require().withImage(offer.manifest()));
                return result;
            } catch (ImageFetchException e) {
                throw new AgentException("the image could not be fetched (" + e.reason() + "): " + e.getMessage(), e);
            } catch (IOException e) {
                throw new AgentException("the image could not be installed: " + e.getMessage(), e);
            }
        });
    }

    public AgentStatus status() throws AgentException {
        Optional<AgentState> loaded = store.load();
        if (loaded.isEmpty()) {
            return new AgentStatus(false, false, null, null, null, null, "unenrolled", null, null, null, null, null, null, null);
        }
        AgentState state = loaded.get();
        Optional<Lease> lease = lease(state);
        Optional<ProvisioningBundle> bundle = bundle(state);
        String localState = lease.map(Lease::deviceState)
                .orElse(state.activated() ? "activated" : bundle.isPresent() ? "provisioned" : "enrolled");
        return new AgentStatus(true, state.activated(), state.deviceId(), state.serverUrl(), state.user(), state.group(), localState,
                lease.map(Lease::renewBy).orElse(null), lease.map(Lease::disableAt).orElse(null), lease.map(Lease::wipeAt).orElse(null),
                lease.map(Lease::imageVersion).orElse(bundle.map(b -> imageVersion(state, b)).orElse(null)),
                lease.map(Lease::policyVersion).orElse(bundle.map(ProvisioningBundle::policyVersion).orElse(null)),
                state.lastCheckinAt(), state.lastError());
    }

    /** The stored lease, checked again against the pinned key: an edited state file yields none. */
    public Optional<Lease> lease(AgentState state) {
        if (state.leaseToken() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(verifyLeaseSigned(state, state.leaseToken(), TokenTypes.LEASE, Lease.class));
        } catch (AgentException e) {
            return Optional.empty();
        }
    }

    private Optional<ProvisioningBundle> bundle(AgentState state) {
        if (state.bundleToken() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(verifyLeaseSigned(state, state.bundleToken(), TokenTypes.PROVISIONING, ProvisioningBundle.class));
        } catch (AgentException e) {
            return Optional.empty();
        }
    }

    private static String imageVersion(AgentState state, ProvisioningBundle bundle) {
        try {
            return CompactJws.verifyJson(bundle.imageToken(), TokenTypes.IMAGE_REF, pinned(state.serverKeys().imageSigning()),
                    org.workcell.core.protocol.ImageRef.class).version();
        } catch (JwsException | AgentException e) {
            return null;
        }
    }

    private byte[] send(AgentState state, String path, DeviceRequest.Purpose purpose, Object body) throws AgentException {
        return post(state, path, purpose, body, nextSequence(state));
    }

    /**
     * Sequence numbers never repeat: the next one is above the last one used and at least the
     * current time in milliseconds, and it is saved before the request leaves.
     */
    private long nextSequence(AgentState state) throws AgentException {
        long sequence = Math.max(state.lastSequence() + 1, clock.millis());
        store.save(state.withSequence(sequence));
        return sequence;
    }

    private byte[] post(AgentState state, String path, DeviceRequest.Purpose purpose, Object body, long sequence) throws AgentException {
        return new ServerClient(http, state.serverUrl()).postToken(path, signRequest(state, purpose, body, sequence));
    }

    private String signRequest(AgentState state, DeviceRequest.Purpose purpose, Object body, long sequence) throws AgentException {
        try {
            return signRequest(state, purpose, body, sequence, KeyFiles.load(store.deviceKey()));
        } catch (IOException e) {
            throw new AgentException("cannot load the device key: " + e.getMessage(), e);
        }
    }

    private String signRequest(AgentState state, DeviceRequest.Purpose purpose, Object body, long sequence, KeyPair key) {
        DeviceRequest request = new DeviceRequest(state.deviceId(), sequence, clock.instant(), purpose,
                body == null ? null : Json.MAPPER.valueToTree(body));
        return CompactJws.signJson(TokenTypes.DEVICE_REQUEST, state.deviceId(), request, key.getPrivate());
    }

    private static <T> T verifyLeaseSigned(AgentState state, String token, String type, Class<T> payloadType) throws AgentException {
        try {
            return CompactJws.verifyJson(token, type, pinned(state.serverKeys().leaseSigning()), payloadType);
        } catch (JwsException e) {
            throw new AgentException("the server's " + type + " is not signed by the pinned lease key: " + e.getMessage(), e);
        }
    }

    private static PublicKey pinned(PinnedKey key) throws AgentException {
        try {
            PublicKey pub = Ed25519.publicKeyFromBase64(key.publicKey());
            if (!Ed25519.keyId(pub).equals(key.kid())) {
                throw new AgentException("a pinned server key does not match its key id");
            }
            return pub;
        } catch (InvalidKeyException e) {
            throw new AgentException("a server key is not a valid Ed25519 key", e);
        }
    }

    private static <T> T read(byte[] body, Class<T> type, String what) throws AgentException {
        try {
            return Json.read(body, type);
        } catch (IOException e) {
            throw new AgentException("the server's " + what + " is not valid: " + e.getMessage(), e);
        }
    }

    private interface Action<T> {
        T run() throws AgentException;
    }

    private <T> T locked(Action<T> action) throws AgentException {
        try (AutoCloseable lock = store.lock()) {
            return action.run();
        } catch (AgentException e) {
            throw e;
        } catch (Exception e) {
            throw new AgentException(e.getMessage(), e);
        }
    }

    /** What this machine says about itself; the hardware id is hashed before it leaves. */
    public static DeviceInfo describeThisDevice() {
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version");
        String model = System.getProperty("os.arch") + " " + hostName();
        String hardwareId;
        try {
            hardwareId = Files.readString(Path.of("/etc/machine-id")).trim();
        } catch (IOException | RuntimeException e) {
            hardwareId = hostName() + "/" + System.getProperty("user.name");
        }
        return new DeviceInfo(trim(model), trim(os), sha256(hardwareId), Version.CURRENT);
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String trim(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", "").strip();
        if (clean.isEmpty()) {
            return "unknown";
        }
        return clean.length() <= 100 ? clean : clean.substring(0, 100);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
