package org.workcell.phone.data;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.workcell.core.json.Json;
import org.workcell.sdk.data.GatewayException;

/**
 * One JSON file of the data folder. A write goes to a temporary file in the same folder, is synced,
 * renamed over the old file and the folder is synced: a kill at any point leaves the old content or
 * the new, never a torn file. Temporary files a killed write left behind are removed on load; they
 * never hold committed data (the rename is the commit).
 */
final class DataFile<T> {
    private final Path file;
    private final Class<T> type;

    DataFile(Path file, Class<T> type) {
        this.file = file;
        this.type = type;
    }

    Path path() {
        return file;
    }

    /** The committed content, or null if the file was never written; a damaged file is UNAVAILABLE. */
    T load() {
        removeStrayTemporaries(file);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new GatewayException(GatewayException.Kind.UNAVAILABLE, "cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            T value = Json.read(bytes, type);
            if (value == null) {
                throw new IOException("the file holds null");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            throw damaged(file, e.getMessage(), e);
        }
    }

    void save(T value) {
        write(file, Json.write(value));
    }

    static GatewayException damaged(Path file, String why, Throwable cause) {
        IOException io = cause instanceof IOException e ? e : new IOException(why, cause);
        return new GatewayException(GatewayException.Kind.UNAVAILABLE,
                "the local data in " + file + " is damaged (" + why + "); it was left as it is", io);
    }

    /** Replaces {@code target} with {@code bytes} atomically and durably. */
    static void write(Path target, byte[] bytes) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                var buffer = java.nio.ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            syncDirectory(dir);
        } catch (IOException e) {
            throw new GatewayException(GatewayException.Kind.UNAVAILABLE, "cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // removed on the next load
                }
            }
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not every platform can sync a folder; the rename is still atomic
        }
    }

    static void removeStrayTemporaries(Path target) {
        Path dir = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            return;
        }
        String prefix = "." + target.getFileName() + ".";
        try (DirectoryStream<Path> stray = Files.newDirectoryStream(dir, p -> {
            String name = p.getFileName().toString();
            return name.startsWith(prefix) && name.endsWith(".tmp");
        })) {
            for (Path p : stray) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // harmless: a stray temporary file is never read
        }
    }
}
