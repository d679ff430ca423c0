package org.workcell.agent.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.workcell.agent.AgentException;
import org.workcell.agent.AgentState;
import org.workcell.core.json.Json;

/**
 * The agent's home folder: its device key and its state file, owner-only. State is written to a
 * temporary file, synced and renamed into place, so a killed agent leaves the old state or the
 * new one, never a torn one. One agent process works on a home at a time (a file lock).
 */
public final class StateStore {
    private static final String STATE = "state.json";

    private final Path home;

    public StateStore(Path home) {
        this.home = home.toAbsolutePath();
    }

    public Path home() {
        return home;
    }

    public Path deviceKey() {
        return home.resolve("device-key.pem");
    }

    public void createHome() throws IOException {
        Files.createDirectories(home);
        try {
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException ignored) {
            // not POSIX; the key file still refuses to load if others can read it
        }
    }

    public Optional<AgentState> load() throws AgentException {
        Path file = home.resolve(STATE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.read(Files.readAllBytes(file), AgentState.class));
        } catch (IOException e) {
            throw new AgentException("the agent state in " + file + " is damaged (" + e.getMessage()
                    + "); enrol this device again with a new code", e);
        }
    }

    public AgentState require() throws AgentException {
        return load().orElseThrow(() -> new AgentException("this device is not enrolled (no state in " + home
                + "); run 'workcell agent enroll --server URL --code CODE --home " + home + "' first"));
    }

    public void save(AgentState state) throws AgentException {
        try {
            createHome();
            Path tmp = Files.createTempFile(home, ".state", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.write(tmp, Json.write(state));
                try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
                try {
                    Files.move(tmp, home.resolve(STATE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, home.resolve(STATE), StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new AgentException("cannot write the agent state in " + home + ": " + e.getMessage(), e);
        }
    }

    /** Holds the home's lock until closed; a second agent on the same home waits. */
    public AutoCloseable lock() throws AgentException {
        try {
            createHome();
            FileChannel channel = FileChannel.open(home.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.lock();
            return () -> {
                lock.release();
                channel.close();
            };
        } catch (IOException e) {
            throw new AgentException("cannot lock the agent home " + home + ": " + e.getMessage(), e);
        }
    }
}
