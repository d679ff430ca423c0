package org.workcell.image.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.workcell.image.ChunkId;
import org.workcell.image.FetchSource;
import org.workcell.image.SourceException;

/** A chunk store in a folder, read directly: a mounted share, a USB stick, the server's own store. */
public final class DirectoryFetchSource implements FetchSource {
    private final Path root;

    public DirectoryFetchSource(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("chunk store is not a folder: " + root);
        }
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String describe() {
        return root.toString();
    }

    @Override
    public byte[] chunk(ChunkId id, int maxBytes) throws IOException {
        return readBounded(root.resolve(id.storePath()), maxBytes);
    }

    @Override
    public byte[] read(String location, int maxBytes) throws IOException {
        return readBounded(inside(location), maxBytes);
    }

    // A location names a file of this store; "../" or an absolute path would let whoever supplies
    // locations read any file the device can.
    private Path inside(String location) throws SourceException {
        Path relative;
        try {
            relative = root.getFileSystem().getPath(location);
        } catch (RuntimeException e) {
            throw new SourceException(SourceException.Kind.REFUSED, "not a file location: " + location);
        }
        Path resolved = root.resolve(relative).normalize();
        if (relative.isAbsolute() || location.isEmpty() || !resolved.startsWith(root) || resolved.equals(root)) {
            throw new SourceException(SourceException.Kind.REFUSED, "location is not a file inside the store " + root + ": " + location);
        }
        return resolved;
    }

    private static byte[] readBounded(Path file, int maxBytes) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long size = channel.size();
            if (size > maxBytes) {
                throw new SourceException(SourceException.Kind.OVERSIZED, file + " is " + size + " bytes, more than the " + maxBytes + " it can be");
            }
            // The file may grow while we read it; read one byte beyond the limit to notice.
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min((long) maxBytes + 1, Math.max(size, 0) + 1));
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                if (!buffer.hasRemaining() && buffer.capacity() <= maxBytes) {
                    buffer = ByteBuffer.allocate((int) Math.min((long) maxBytes + 1, buffer.capacity() * 2L)).put(buffer.flip());
                }
            }
            if (buffer.position() > maxBytes) {
                throw new SourceException(SourceException.Kind.OVERSIZED, file + " is more than the " + maxBytes + " bytes it can be");
            }
            return Arrays.copyOf(buffer.array(), buffer.position());
        } catch (NoSuchFileException e) {
            throw new SourceException(SourceException.Kind.NOT_FOUND, "no such file: " + file, e);
        }
    }
}
