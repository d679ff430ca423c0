package org.workcell.server;

import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.workcell.server.internal.audit.AuditLog;
import org.workcell.server.internal.audit.AuditRoutes;
import org.workcell.server.internal.auth.AdminAccount;
import org.workcell.server.internal.auth.AdminService;
import org.workcell.server.internal.auth.AuthRoutes;
import org.workcell.server.internal.auth.PasswordHasher;
import org.workcell.server.internal.auth.Tokens;
import org.workcell.server.internal.catalog.CatalogRoutes;
import org.workcell.server.internal.catalog.CatalogService;
import org.workcell.server.internal.cloud.CloudAccounts;
import org.workcell.server.internal.cloud.CloudPhones;
import org.workcell.server.internal.cloud.CloudRoutes;
import org.workcell.server.internal.db.Database;
import org.workcell.server.internal.demo.DemoData;
import org.workcell.server.internal.device.DeviceAuthenticator;
import org.workcell.server.internal.device.DeviceRoutes;
import org.workcell.server.internal.device.DeviceService;
import org.workcell.server.internal.enrollment.EnrollmentRoutes;
import org.workcell.server.internal.enrollment.EnrollmentService;
import org.workcell.server.internal.group.GroupRoutes;
import org.workcell.server.internal.group.GroupService;
import org.workcell.server.internal.http.Actor;
import org.workcell.server.internal.http.ApiServer;
import org.workcell.server.internal.http.SystemRoutes;
import org.workcell.image.CaibxFormat;
import org.workcell.image.ChunkerParams;
import org.workcell.image.DirectoryChunkStore;
import org.workcell.server.internal.image.DownloadTokens;
import org.workcell.server.internal.image.ImageDelivery;
import org.workcell.server.internal.image.ImageRepository;
import org.workcell.server.internal.image.ImageRoutes;
import org.workcell.server.internal.keys.ServerKeyring;
import org.workcell.server.internal.lease.DeviceEndpoints;
import org.workcell.server.internal.lease.LeaseService;
import org.workcell.server.internal.metrics.Metrics;
import org.workcell.server.internal.provisioning.ProvisioningService;
import org.workcell.server.internal.push.PushHub;
import org.workcell.server.internal.user.UserRoutes;
import org.workcell.server.internal.user.UserService;

/**
 * The management server. {@link #start} opens (or creates) the data folder and database, makes
 * the server keys and the first admin on first start, and serves the API until {@link #close}.
 */
public final class WorkcellServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkcellServer.class);
    public static final String FIRST_ADMIN = "admin";

    /** An enrolment code made for the demo organisation. */
    public record DemoCode(String user, String code, Instant expiresAt, String url) {}

    private final Database database;
    private final PushHub push;
    private final Javalin http;
    private final String url;
    private final String generatedAdminPassword;
    private final List<DemoCode> demoCodes;
    private final Map<String, String> demoPasswords;
    private final CloudPhones phones;

    private WorkcellServer(Database database, PushHub push, CloudPhones phones, Javalin http, String url, String generatedAdminPassword,
                           List<DemoCode> demoCodes, Map<String, String> demoPasswords) {
        this.database = database;
        this.push = push;
        this.phones = phones;
        this.demoPasswords = demoPasswords;
        this.http = http;
        this.url = url;
        this.generatedAdminPassword = generatedAdminPassword;
        this.demoCodes = demoCodes;
    }

    public static WorkcellServer start(ServerConfig config) throws IOException {
        Path data = config.dataDir().toAbsolutePath();
        Files.createDirectories(data);
        // Others may pass through DATA (cloud phones run as users of their own and must reach DATA/cloud),
        // but not list it; every folder inside but the cloud's is the server's alone.
        permissions(data, "rwx--x--x");
        for (String own : List.of("keys", "db", "images")) {
            permissions(Files.createDirectories(data.resolve(own)), "rwx------");
        }
        ServerKeyring keys = ServerKeyring.loadOrCreate(data);
        String dbUrl = config.dbUrl() != null ? config.dbUrl() : Database.h2Url(data);
        Database database = Database.open(dbUrl, config.dbUser(), config.dbPassword(), config.dbPoolSize());
        PushHub push = null;
        CloudPhones phones = null;
        try {
            var jdbi = database.jdbi();
            var clock = config.clock();
            push = new PushHub(config.pushInterval(), Duration.ofSeconds(25));
            AuditLog audit = new AuditLog(jdbi, clock);
            PasswordHasher hasher = new PasswordHasher();
            AdminService admins = new AdminService(jdbi, clock, hasher, audit, config.sessionTtl());
            ImageRepository images = new ImageRepository(jdbi, clock, audit, keys, data.resolve("images"),
                    new DirectoryChunkStore(data.resolve("images").resolve("store")), CaibxFormat::read, ChunkerParams.DEFAULT.max());
            GroupService groups = new GroupService(jdbi, clock, audit, push, images::serial);
            UserService users = new UserService(jdbi, clock, audit, groups);
            CloudAccounts cloudAccounts = new CloudAccounts(jdbi, clock, hasher, audit, users, groups);
            phones = CloudPhones.create(data.resolve("cloud"), config.cloudSandbox(), config.cloudSweepInterval(), groups, images,
                    new DirectoryChunkStore(data.resolve("images").resolve("store")), keys.imagePublicKey(), cloudAccounts, audit, clock);
            DeviceService devices = new DeviceService(jdbi, clock, audit, push);
            Metrics metrics = new Metrics(devices::countByState, push::connectedDevices);
            DeviceAuthenticator authenticator = new DeviceAuthenticator(jdbi, clock, config.maxClockSkew());
            CatalogService catalog = new CatalogService(jdbi, clock, audit, push);
            LeaseService leases = new LeaseService(jdbi, clock, audit, authenticator, keys, metrics);
            ProvisioningService provisioning = new ProvisioningService(jdbi, clock, audit, authenticator, keys, catalog);
            // The URL is known only once the port is bound; enrolment links are made after that.
            AtomicReference<String> url = new AtomicReference<>();
            EnrollmentService enrollment = new EnrollmentService(jdbi, clock, audit, users, keys, config.enrollmentCodeTtl(),
                    config.maxClockSkew(), url::get, config.enrollmentsPerMinute());

            String generated = null;
            if (!admins.anyAdminExists()) {
                String password = config.initialAdminPassword();
                if (password == null || password.isEmpty()) {
                    password = generated = Tokens.generatePassword();
                }
                admins.create(FIRST_ADMIN, password, AdminAccount.ROLE_ADMIN, Actor.system());
            }

            DownloadTokens downloads = new DownloadTokens(keys, clock);
            ImageDelivery delivery = new ImageDelivery(jdbi, images, downloads,
                    () -> config.imageBaseUrl() != null ? stripSlash(config.imageBaseUrl()) : url.get() + "/api/v1/images");
            Javalin app = ApiServer.create(config.host(), config.port(), config.tlsKeystore(), config.tlsKeystorePassword(), admins, downloads::deviceOf, cloudAccounts::authenticate, metrics, List.of(
                    new SystemRoutes(jdbi, metrics),
                    new AuthRoutes(admins),
                    new GroupRoutes(groups),
                    new UserRoutes(users),
                    new DeviceRoutes(devices),
                    new AuditRoutes(audit),
                    new DeviceEndpoints(leases, provisioning, authenticator, push),
                    new CatalogRoutes(catalog, authenticator),
                    new ImageRoutes(images, delivery, authenticator),
                    new EnrollmentRoutes(enrollment),
                    new CloudRoutes(cloudAccounts, phones)));
            app.start();
            url.set(config.publicUrl() != null ? stripSlash(config.publicUrl())
                    : (config.tlsKeystore() != null ? "https://" : "http://")
                    + ("0.0.0.0".equals(config.host()) ? "localhost" : config.host()) + ":" + app.port());
            List<DemoCode> demo = List.of();
            Map<String, String> demoPasswords = Map.of();
            if (config.demo()) {
                demo = DemoData.ensure(groups, users, enrollment).stream().map(c -> new DemoCode(c.user(), c.code(), c.expiresAt(), c.url())).toList();
                demoPasswords = DemoData.passwords(cloudAccounts);
            }
            log.atInfo().addKeyValue("url", url.get()).addKeyValue("database", database.isPostgres() ? "postgresql" : "h2")
                    .log("workcell server started");
            return new WorkcellServer(database, push, phones, app, url.get(), generated, demo, demoPasswords);
        } catch (RuntimeException | Error e) {
            if (phones != null) {
                phones.close();
            }
            if (push != null) {
                push.close();
            }
            database.close();
            throw e;
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public int port() {
        return http.port();
    }

    public String url() {
        return url;
    }

    /** The first admin's password when this start generated it; shown once, never stored in the clear. */
    public Optional<String> generatedAdminPassword() {
        return Optional.ofNullable(generatedAdminPassword);
    }

    public List<DemoCode> demoCodes() {
        return demoCodes;
    }

    /** The demo users' browser passwords, new at every demo start (user name to password, in order). */
    public Map<String, String> demoPasswords() {
        return demoPasswords;
    }

    /** Where a cloud user signs in to use their phone in the browser. */
    public String appUrl() {
        return url + "/app/";
    }

    private static void permissions(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system; the keys inside still refuse to load if others can read them
        }
    }

    /**
     * The HTTP routes this server answers, as {@code "METHOD /path"} with path parameters as
     * {@code {name}}: every endpoint of an HTTP method (the push stream is a GET), without the
     * before/after filters and without HEAD and OPTIONS.
     */
    public List<String> routes() {
        return http.unsafe.internalRouter.allHttpHandlers().stream()
                .map(parsed -> parsed.endpoint)
                .filter(e -> e.method.isHttpMethod() && !e.method.equals(io.javalin.http.HandlerType.HEAD)
                        && !e.method.equals(io.javalin.http.HandlerType.OPTIONS))
                .map(e -> e.method.name() + " " + e.path)
                .distinct()
                .toList();
    }

    @Override
    public void close() {
        push.close();
        http.stop();
        phones.close();
        database.close();
    }
}
