package org.workcell.server;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.workcell.core.config.Settings;

/**
 * Everything the server needs to start. {@link #DEFAULTS} are the embedded defaults; a data
 * folder's {@code workcell.properties}, {@code WORKCELL_*} variables and flags override them.
 *
 * @param publicUrl           the URL devices and admins reach this server by (enrolment links)
 * @param initialAdminPassword the first admin's password; null to generate one on first start
 * @param pushInterval        nudge every connected device this often; zero for never
 * @param enrollmentsPerMinute enrolment attempts accepted per client address and minute (code guessing)
 * @param imageBaseUrl        where devices fetch image indexes and chunks, when not from this server: any
 *                            static file server or object store holding a copy of {@code DATA/images}
 * @param cloudSandbox        how cloud phones are isolated: {@code auto} (the strongest this machine has),
 *                            {@code bubblewrap}, {@code unshare}, or {@code none} (unsafe: only for trying it out)
 * @param cloudSweepInterval how often the broker lets go of gone browsers and stops phones idle past their group's timeout
 * @param tlsKeystore         a PKCS#12 key store with the server's certificate and key; null to serve plain HTTP
 */
public record ServerConfig(
        Path dataDir,
        String host,
        int port,
        String dbUrl,
        String dbUser,
        String dbPassword,
        int dbPoolSize,
        String publicUrl,
        boolean demo,
        Duration sessionTtl,
        Duration enrollmentCodeTtl,
        Duration maxClockSkew,
        Duration pushInterval,
        String initialAdminPassword,
        int enrollmentsPerMinute,
        String imageBaseUrl,
        String cloudSandbox,
        Duration cloudSweepInterval,
        Path tlsKeystore,
        String tlsKeystorePassword,
        Clock clock) {

    public static final java.util.List<String> SANDBOXES = java.util.List.of("auto", "bubblewrap", "unshare", "none");

    public static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("host", "0.0.0.0"),
            Map.entry("port", "8443"),
            Map.entry("db.url", ""),
            Map.entry("db.user", ""),
            Map.entry("db.password", ""),
            Map.entry("db.pool-size", "16"),
            Map.entry("public-url", ""),
            Map.entry("session-ttl", "12h"),
            Map.entry("enrollment-code-ttl", "7d"),
            Map.entry("max-clock-skew", "5m"),
            Map.entry("push-interval", "0s"),
            Map.entry("admin.password", ""),
            Map.entry("enrollment.rate", "20"),
            Map.entry("image.base-url", ""),
            Map.entry("cloud.sandbox", "auto"),
            Map.entry("cloud.sweep-interval", "10s"),
            Map.entry("tls.keystore", ""),
            Map.entry("tls.keystore-password", ""));

    public static ServerConfig from(Path dataDir, Settings settings, boolean demo, Clock clock) {
        int port = settings.getInt("port");
        if (settings.getInt("enrollment.rate") < 1) {
            throw new Settings.ConfigException(settings.describe("enrollment.rate") + " must be at least 1");
        }
        if (port < 0 || port > 65535) {
            throw new Settings.ConfigException(settings.describe("port") + " must be from 0 to 65535");
        }
        String sandbox = settings.get("cloud.sandbox");
        if (!SANDBOXES.contains(sandbox)) {
            throw new Settings.ConfigException(settings.describe("cloud.sandbox") + " must be one of " + String.join(", ", SANDBOXES));
        }
        Path keystore = settings.find("tls.keystore").map(Path::of).orElse(null);
        if (keystore != null && !java.nio.file.Files.isReadable(keystore)) {
            throw new Settings.ConfigException(settings.describe("tls.keystore") + ": cannot read " + keystore);
        }
        return new ServerConfig(
                dataDir,
                settings.get("host"),
                port,
                settings.find("db.url").orElse(null),
                settings.find("db.user").orElse(null),
                settings.find("db.password").orElse(null),
                settings.getInt("db.pool-size"),
                settings.find("public-url").orElse(null),
                demo,
                settings.getDuration("session-ttl"),
                settings.getDuration("enrollment-code-ttl"),
                settings.getDuration("max-clock-skew"),
                settings.getDuration("push-interval"),
                settings.find("admin.password").orElse(null),
                settings.getInt("enrollment.rate"),
                settings.find("image.base-url").orElse(null),
                sandbox,
                settings.getDuration("cloud.sweep-interval"),
                keystore,
                settings.find("tls.keystore-password").orElse(""),
                clock);
    }
}
