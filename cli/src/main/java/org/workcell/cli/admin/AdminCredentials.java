package org.workcell.cli.admin;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.workcell.core.json.Json;

/**
 * Session tokens remembered per server after {@code workcell admin login}, in an owner-only file
 * under the user's config folder ({@code $WORKCELL_CONFIG_DIR}, else {@code $XDG_CONFIG_HOME/workcell},
 * else {@code ~/.config/workcell}). The last server signed in to is the default for later calls.
 */
public final class AdminCredentials {
    public record Entry(String server, String user, String token, Instant expiresAt) {}

    record FileFormat(String current, Map<String, Entry> servers) {}

    private final Path file;

    public AdminCredentials(Path configDir) {
        this.file = configDir.resolve("admin-sessions.json");
    }

    public static Path defaultDir() {
        String explicit = System.getenv("WORKCELL_CONFIG_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("workcell");
    }

    public Optional<Entry> find(String server) throws IOException {
        FileFormat data = read();
        String key = server != null ? server : data.current();
        return key == null ? Optional.empty() : Optional.ofNullable(data.servers().get(key));
    }

    public void save(Entry entry) throws IOException {
        FileFormat data = read();
        Map<String, Entry> servers = new LinkedHashMap<>(data.servers());
        servers.put(entry.server(), entry);
        write(new FileFormat(entry.server(), servers));
    }

    public void remove(String server) throws IOException {
        FileFormat data = read();
        Map<String, Entry> servers = new LinkedHashMap<>(data.servers());
        servers.remove(server);
        write(new FileFormat(server.equals(data.current()) ? null : data.current(), servers));
    }

    private FileFormat read() throws IOException {
        if (!Files.exists(file)) {
            return new FileFormat(null, Map.of());
        }
        FileFormat data = Json.MAPPER.readValue(file.toFile(), new TypeReference<FileFormat>() {});
        return new FileFormat(data.current(), data.servers() == null ? Map.of() : data.servers());
    }

    private void write(FileFormat data) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".sessions", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(tmp, Json.write(data));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
