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
        Clock clock) {

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
            Map.entry("image.base-url", ""));

    public static ServerConfig from(Path dataDir, Settings settings, boolean demo, Clock clock) {
        int port = settings.getInt("port");
        if (settings.getInt("enrollment.rate") < 1) {
            throw new Settings.ConfigException(settings.describe("enrollment.rate") + " must be at least 1");
        }
        if (port < 0 || port > 65535) {
            throw new Settings.ConfigException(settings.describe("port") + " must be from 0 to 65535");
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
                clock);
    }
}
