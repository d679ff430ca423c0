package org.workcell.image;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.workcell.core.jws.CompactJws;
import org.workcell.core.jws.JwsException;
import org.workcell.image.internal.ProgressMeter;
import org.workcell.image.internal.Sha256;

/**
 * Reads images back: verifies a signed manifest, checks an index against it, and assembles the
 * payload from a chunk store, checking every chunk and the whole. Nothing is trusted until checked,
 * and an output file appears only once all of it is.
 */
public final class ImageReader {
    private ImageReader() {}

    /**
     * Verifies a manifest token's signature with the image key and checks that the manifest is
     * well-formed; a token of another type, a bad signature or a malformed manifest is a JwsException.
     */
    public static ImageManifest verifyManifest(String token, PublicKey imageKey) throws JwsException {
        ImageManifest m = CompactJws.verifyJson(token, ImageManifest.TOKEN_TYPE, imageKey, ImageManifest.class);
        try {
            ImageBuilder.checkName(m.name());
            ImageBuilder.checkVersion(m.version());
        } catch (IllegalArgumentException e) {
            throw new JwsException("manifest: " + e.getMessage());
        }
        if (!(m.name() + "@" + m.version()).equals(m.imageId())) {
            throw new JwsException("manifest: imageId is not name@version");
        }
        if (m.serial() < 0 || m.size() < 0 || m.chunks() < 0 || m.chunks() > CaibxFormat.MAX_CHUNKS) {
            throw new JwsException("manifest: serial, size and chunk count must be in range");
        }
        if (!Sha256.isHex(m.digest()) || !Sha256.isHex(m.indexDigest())) {
            throw new JwsException("manifest: digest and indexDigest must be 64 lower-case hex digits");
        }
        if (m.display() == null || m.createdAt() == null || m.osBuild() == null) {
            throw new JwsException("manifest: display, osBuild and createdAt are required");
        }
        return m;
    }

    /**
     * Parses the index a verified manifest names: its bytes must hash to the manifest's
     * {@code indexDigest}, and it must cover the manifest's size in its number of chunks.
     */
    public static ImageIndex readIndex(byte[] caibx, ImageManifest manifest) throws IOException {
        String digest = Sha256.hex(caibx);
        if (!digest.equals(manifest.indexDigest())) {
            throw new IOException("the index does not match manifest " + manifest.imageId() + ": its SHA-256 is " + digest
                    + ", the manifest says " + manifest.indexDigest());
        }
        ImageIndex index = CaibxFormat.read(caibx);
        if (index.size() != manifest.size() || index.chunks().size() != manifest.chunks()) {
            throw new IOException("the index of " + manifest.imageId() + " covers " + index.size() + " bytes in " + index.chunks().size()
                    + " chunks, the manifest says " + manifest.size() + " in " + manifest.chunks());
        }
        return index;
    }

    /**
     * Assembles the payload that {@code index} describes from {@code store} into {@code out},
     * checking each chunk, and returns its SHA-256 (hex). {@code out} is written through a
     * temporary file beside it and appears only when complete.
     */
    public static String assemble(ImageIndex index, ChunkStore store, Path out, Progress.Listener listener) throws IOException {
        return assemble(index, store, out, null, listener);
    }

    /**
     * As {@link #assemble(ImageIndex, ChunkStore, Path, Progress.Listener)}, for the image of a
     * verified manifest: the result must have the manifest's size and digest, or nothing is left at
     * {@code out} and this throws.
     */
    public static void assemble(ImageManifest manifest, ImageIndex index, ChunkStore store, Path out, Progress.Listener listener)
            throws IOException {
        if (index.size() != manifest.size()) {
            throw new IOException("the index covers " + index.size() + " bytes, manifest " + manifest.imageId() + " says " + manifest.size());
        }
        assemble(index, store, out, manifest.digest(), listener);
    }

    private static String assemble(ImageIndex index, ChunkStore store, Path out, String expectedDigest, Progress.Listener listener)
            throws IOException {
        Path target = out.toAbsolutePath();
        Path temporary = target.resolveSibling("." + target.getFileName() + "."
                + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong()) + ".part");
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        AtomicInteger count = new AtomicInteger();
        ExecutorService readers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "image-assemble-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ProgressMeter progress = new ProgressMeter("assemble", index.size(), listener);
        MessageDigest digest = Sha256.newDigest();
        boolean done = false;
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            List<ChunkRef> chunks = index.chunks();
            Deque<CompletableFuture<byte[]>> window = new ArrayDeque<>();
            int next = 0;
            long written = 0;
            for (ChunkRef chunk : chunks) {
                // Read ahead a few chunks per thread, write strictly in order.
                while (next < chunks.size() && window.size() < threads * 4) {
                    ChunkRef ahead = chunks.get(next++);
                    window.add(CompletableFuture.supplyAsync(() -> readChunk(store, ahead), readers));
                }
                byte[] data = join(window.removeFirst());
                digest.update(data);
                ByteBuffer buffer = ByteBuffer.wrap(data);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                written += chunk.length();
                progress.update(written);
            }
            progress.finish(written);
            done = true;
        } finally {
            readers.shutdownNow();
            try {
                readers.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!done) {
                Files.deleteIfExists(temporary);
            }
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (expectedDigest != null && !expectedDigest.equals(actual)) {
            Files.deleteIfExists(temporary);
            throw new IOException("the assembled payload's SHA-256 is " + actual + ", the manifest says " + expectedDigest);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return actual;
    }

    private static byte[] readChunk(ChunkStore store, ChunkRef chunk) {
        try {
            byte[] data = store.read(chunk.id());
            if (data.length != chunk.length()) {
                throw new IOException("chunk " + chunk.id() + " is " + data.length + " bytes, the index says " + chunk.length());
            }
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] join(CompletableFuture<byte[]> future) throws IOException {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (cause instanceof InterruptedException) {
                throw new InterruptedIOException("interrupted while assembling");
            }
            throw new IOException("reading a chunk failed: " + cause, cause);
        }
    }
}
