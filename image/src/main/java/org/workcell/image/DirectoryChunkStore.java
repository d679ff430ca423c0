package org.workcell.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.workcell.image.internal.ZstdCodec;

/**
 * A chunk store in a local folder, in casync's layout: {@code ROOT/xxxx/<id>.cacnk}, each file one
 * zstd frame of the chunk. casync and desync read it as {@code --store=ROOT}; any static file
 * server can serve it. Safe for concurrent use by many threads and processes.
 *
 * <p>Writes go to a temporary file in the same folder and are renamed into place, so a reader
 * never sees half a chunk. Files are not synced one by one (that would cost more than the
 * compression); a chunk file that a crash leaves empty counts as missing and is written again, and
 * any other damage is caught when the chunk is read, by its hash.
 */
public final class DirectoryChunkStore implements ChunkStore {
    /**
     * zstd level 1. Measured here on 64 KiB chunks of text it compresses at about 370 MB/s per core
     * against 230 MB/s at zstd's default 3, for chunks about a tenth larger; random data passes
     * through either at gigabytes a second. Compression is most of a build's CPU time, so speed wins.
     */
    public static final int DEFAULT_LEVEL = 1;

    private static final HexFormat HEX = HexFormat.of();
    // The compressed frame of the chunk being stored, one per thread, so each chunk does not allocate one.
    private static final ThreadLocal<byte[]> FRAMES = new ThreadLocal<>();

    private final Path root;
    private final int maxChunkBytes;
    private final int maxCompressedBytes;
    private final int level;

    /** A store for chunks of at most {@link ChunkerParams#DEFAULT}'s maximum, written at {@link #DEFAULT_LEVEL}. */
    public DirectoryChunkStore(Path root) throws IOException {
        this(root, ChunkerParams.DEFAULT, DEFAULT_LEVEL);
    }

    /**
     * A store at {@code root} (made if missing) for chunks of at most {@code params.max()} bytes:
     * a chunk that decompresses to more is refused as damaged. {@code level} is zstd's, 1 to 19.
     */
    public DirectoryChunkStore(Path root, ChunkerParams params, int level) throws IOException {
        if (level < 1 || level > 19) {
            throw new IllegalArgumentException("zstd level must be 1 to 19, not " + level);
        }
        this.root = root.toAbsolutePath().normalize();
        this.maxChunkBytes = params.max();
        // A frame of incompressible data is a little longer than the data; anything beyond the bound is not one of ours.
        this.maxCompressedBytes = ZstdCodec.bound(maxChunkBytes) + 1024;
        this.level = level;
        if (Files.exists(this.root) && !Files.isDirectory(this.root)) {
            throw new IOException("chunk store " + this.root + " is not a folder");
        }
        Files.createDirectories(this.root);
    }

    public Path root() {
        return root;
    }

    /** Where the chunk's file is (whether or not it is there). */
    public Path pathOf(ChunkId id) {
        return root.resolve(id.storePath());
    }

    @Override
    public boolean contains(ChunkId id) throws IOException {
        // java.io.File reports a missing file as length 0 instead of throwing: a build asks this for every chunk.
        return pathOf(id).toFile().length() > 0;
    }

    @Override
    public byte[] read(ChunkId id) throws IOException {
        Path file = pathOf(id);
        byte[] compressed;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            compressed = in.readNBytes(maxCompressedBytes + 1);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "chunk " + id + " is not in the store");
        }
        if (compressed.length > maxCompressedBytes) {
            throw new IOException("chunk " + id + " is damaged: its file is larger than any chunk of at most " + maxChunkBytes + " bytes compresses to");
        }
        byte[] data;
        try {
            data = ZstdCodec.decompress(compressed, compressed.length, maxChunkBytes);
        } catch (IOException e) {
            throw new IOException("chunk " + id + " is damaged: " + e.getMessage(), e);
        }
        ChunkId actual = ChunkId.hash(data, 0, data.length);
        if (!actual.equals(id)) {
            throw new IOException("chunk " + id + " is damaged: its content hashes to " + actual);
        }
        return data;
    }

    /** Stores a chunk; {@code id} must be the SHA-256 of the bytes, or this refuses them and stores nothing. */
    @Override
    public void write(ChunkId id, byte[] data, int offset, int length) throws IOException {
        checkRange(data, offset, length);
        ChunkId actual = ChunkId.hash(data, offset, length);
        if (!actual.equals(id)) {
            throw new IllegalArgumentException("chunk " + id + " refused: its content hashes to " + actual);
        }
        store(id, data, offset, length);
    }

    @Override
    public ChunkId put(byte[] data, int offset, int length) throws IOException {
        checkRange(data, offset, length);
        ChunkId id = ChunkId.hash(data, offset, length);
        store(id, data, offset, length);
        return id;
    }

    private void checkRange(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IndexOutOfBoundsException("range [" + offset + ", " + offset + " + " + length + ") of " + data.length + " bytes");
        }
        if (length == 0 || length > maxChunkBytes) {
            throw new IllegalArgumentException("a chunk is 1 to " + maxChunkBytes + " bytes, not " + length);
        }
    }

    private void store(ChunkId id, byte[] data, int offset, int length) throws IOException {
        if (contains(id)) {
            return; // content-addressed: what is there is the same chunk
        }
        int bound = ZstdCodec.bound(length);
        byte[] frame = FRAMES.get();
        if (frame == null || frame.length < bound) {
            frame = new byte[Math.max(bound, ZstdCodec.bound(maxChunkBytes))];
            FRAMES.set(frame);
        }
        int frameLength = ZstdCodec.compress(frame, data, offset, length, level);
        String hex = id.hex();
        Path folder = root.resolve(hex.substring(0, 4));
        Path target = folder.resolve(hex + ".cacnk");
        // Our own random name rather than createTempFile, whose 0600 mode would hide chunks from a file server.
        // Unique, not secret: CREATE_NEW refuses a name that is taken.
        Path temporary = folder.resolve("." + hex + "." + HEX.toHexDigits(ThreadLocalRandom.current().nextLong()) + ".tmp");
        boolean moved = false;
        try {
            try (FileChannel channel = create(folder, temporary)) {
                ByteBuffer buffer = ByteBuffer.wrap(frame, 0, frameLength);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                moved = true;
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("chunk store " + root + " is on a file system without atomic rename", e);
            }
        } catch (FileAlreadyExistsException e) {
            throw new IOException("chunk store " + root + ": temporary file " + temporary + " exists already", e);
        } finally {
            if (!moved) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    private FileChannel create(Path folder, Path file) throws IOException {
        // One mkdir per write; it fails cheaply, without an exception, when the folder is there already.
        folder.toFile().mkdir();
        try {
            return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            Files.createDirectories(folder); // the store's root went away: make it again, or say why not
            return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
    }

    @Override
    public String toString() {
        return "DirectoryChunkStore[" + root + "]";
    }
}
