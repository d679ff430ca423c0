package org.workcell.image.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.workcell.core.jws.CompactJws;
import org.workcell.core.jws.JwsException;
import org.workcell.image.ChunkId;
import org.workcell.image.ChunkRef;
import org.workcell.image.ChunkStore;
import org.workcell.image.FetchOptions;
import org.workcell.image.FetchPolicy;
import org.workcell.image.FetchRequest;
import org.workcell.image.FetchResult;
import org.workcell.image.FetchSource;
import org.workcell.image.ImageFetchException;
import org.workcell.image.ImageFetchException.Reason;
import org.workcell.image.ImageIndex;
import org.workcell.image.ImageManifest;
import org.workcell.image.IndexDecoder;
import org.workcell.image.SourceException;

/**
 * One fetch, start to end: manifest, policy, index, what is already local, downloads, assembly,
 * final check, install. Used once.
 *
 * <p>Threads: the caller's thread only verifies and waits; every step that does I/O runs on a
 * virtual thread of this run, so that cancelling (closing the fetcher, or interrupting the
 * caller) is one {@code shutdownNow()} that interrupts them all, and the caller's own thread is
 * never interrupted by us. Writes to the partial file and journal go through the
 * {@link PartialWriter}, which is never interrupted.
 */
public final class FetchRun {
    private static final HexFormat HEX = HexFormat.of();

    private final FetchSource source;
    private final IndexDecoder decoder;
    private final ChunkStore cache;
    private final FetchOptions options;
    private final FetchRequest request;
    private final ExecutorService tasks = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("image-fetch-", 0).factory());
    private final AtomicReference<ImageFetchException> failure = new AtomicReference<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final ProgressMeter meter;

    private final AtomicInteger chunksDownloaded = new AtomicInteger();
    private final AtomicLong bytesDownloaded = new AtomicLong();
    private final AtomicInteger cacheWriteFailures = new AtomicInteger();
    private int chunksReused;
    private long bytesReused;
    private int chunksResumed;
    private long bytesResumed;

    private boolean callerInterrupted;
    private FetchJournal journal;
    private FileChannel partialChannel;
    private PartialWriter writer;

    public FetchRun(FetchSource source, IndexDecoder decoder, ChunkStore cache, FetchOptions options, FetchRequest request) {
        this.source = source;
        this.decoder = decoder;
        this.cache = cache;
        this.options = options;
        this.request = request;
        this.meter = new ProgressMeter(request.progress(), options.progressInterval());
    }

    /** Stops the fetch as soon as it can; {@link #run()} then fails with {@link Reason#CANCELLED}. */
    public void cancel(String why) {
        fail(new ImageFetchException(Reason.CANCELLED, why));
    }

    /** Waits until {@link #run()} has returned or thrown and released every file and thread. */
    public void awaitFinished() {
        boolean interrupted = false;
        while (true) {
            try {
                finished.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    public FetchResult run() throws ImageFetchException {
        long start = System.nanoTime();
        try {
            return fetch(start);
        } finally {
            cleanUp();
            finished.countDown();
            if (callerInterrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private FetchResult fetch(long start) throws ImageFetchException {
        throwIfFailed(); // cancelled before it started
        // 1. Nothing in the token is looked at before its signature checks with the pinned key.
        ImageManifest manifest = verifyManifest();
        // 2. A genuine but older image is still refused, unless its signer allowed going back.
        checkPolicy(manifest, request.policy());
        // 3. The index, pinned by the manifest.
        ImageIndex index = loadIndex(manifest);

        Path target = request.target().toAbsolutePath();
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        Path journalFile = target.resolveSibling(target.getFileName() + ".partial.state");
        checkTarget(target);

        // 4. What is already here: an earlier, interrupted fetch of this image, the chunk cache, seeds.
        BitSet done = await(() -> openPartial(manifest, index, partial, journalFile));
        List<ChunkRef> chunks = index.chunks();
        // 6 runs alongside 4 and 5: the whole payload is hashed from the file as its written prefix grows.
        PayloadHasher hasher = new PayloadHasher(partial, index.size(), meter);
        Future<String> hashing = submitTask(hasher::run);
        writer = new PartialWriter(partialChannel, journal, chunks, done, meter, options.journalSyncInterval().toNanos(),
                writerCapacity(index), hasher::advance,
                e -> fail(new ImageFetchException(Reason.LOCAL_IO, "cannot write " + partial + ": " + e.getMessage(), null, e)));
        writer.start();
        meter.phase("fetch", bytesResumed, index.size());
        Queue<Download> downloads = await(() -> reuseLocal(index, done, partial));

        // 5. The rest from the source, in parallel.
        download(downloads);
        IOException writeFailure = writer.finish();
        writer = null;
        if (writeFailure != null) {
            fail(new ImageFetchException(Reason.LOCAL_IO, "cannot write " + partial + ": " + writeFailure.getMessage(), null, writeFailure));
        }
        throwIfFailed();

        // 6. The whole payload, however it was put together, must be the one the manifest signs.
        hasher.finish();
        String digest = join(hashing);
        throwIfFailed();
        if (!digest.equals(manifest.digest())) {
            discard(partial);
            throw new ImageFetchException(Reason.DIGEST_MISMATCH, "the assembled payload's SHA-256 is " + digest
                    + ", the manifest's " + manifest.digest() + ": every chunk matched the index, so the index and manifest disagree;"
                    + " nothing was installed and the partial file was removed");
        }
        throwIfFailed();

        // 7. Install in one step: the target is either the old payload or the new, never half of each.
        install(partial, target);
        meter.report(true);
        return new FetchResult(manifest, index, target, chunksDownloaded.get(), bytesDownloaded.get(), chunksReused, bytesReused,
                chunksResumed, bytesResumed, cacheWriteFailures.get(), Duration.ofNanos(System.nanoTime() - start));
    }

    // ---- manifest, policy, index -------------------------------------------------------------

    private ImageManifest verifyManifest() throws ImageFetchException {
        ImageManifest manifest;
        try {
            manifest = CompactJws.verifyJson(request.manifestToken(), ImageManifest.TOKEN_TYPE, request.imageKey(), ImageManifest.class);
        } catch (JwsException e) {
            throw new ImageFetchException(Reason.MANIFEST_REFUSED, "image manifest refused: " + e.getMessage());
        }
        if (!isDigest(manifest.digest()) || !isDigest(manifest.indexDigest())) {
            throw new ImageFetchException(Reason.MANIFEST_REFUSED, "image manifest refused: digest and indexDigest must be SHA-256 in lower-case hex");
        }
        if (manifest.size() < 0 || manifest.chunks() < 0) {
            throw new ImageFetchException(Reason.MANIFEST_REFUSED, "image manifest refused: negative size or chunk count");
        }
        return manifest;
    }

    static void checkPolicy(ImageManifest manifest, FetchPolicy policy) throws ImageFetchException {
        if (policy.equals(FetchPolicy.NOTHING_INSTALLED) || manifest.serial() > policy.currentSerial()) {
            return;
        }
        if (manifest.serial() == policy.currentSerial()) {
            if (!manifest.digest().equals(policy.currentDigest())) {
                throw new ImageFetchException(Reason.POLICY_REFUSED, "image " + manifest.imageId() + " has serial " + manifest.serial()
                        + ", the installed image's, but a different payload: refused (the signer published two images under one serial)");
            }
            return;
        }
        if (!manifest.rollback()) {
            throw new ImageFetchException(Reason.POLICY_REFUSED, "image " + manifest.imageId() + " has serial " + manifest.serial()
                    + ", older than the installed " + policy.currentSerial() + ", and its manifest does not allow a rollback: refused");
        }
    }

    private ImageIndex loadIndex(ImageManifest manifest) throws ImageFetchException {
        byte[] bytes = switch (request.index()) {
            case FetchRequest.IndexSource.Content content -> content.bytes();
            case FetchRequest.IndexSource.Location location -> await(() -> retrying("index " + location.location(), null,
                    () -> source.read(location.location(), options.maxIndexBytes())));
        };
        String digest = Sha256.hex(bytes);
        if (!digest.equals(manifest.indexDigest())) {
            throw new ImageFetchException(Reason.INDEX_REFUSED, "image index refused: its SHA-256 is " + digest
                    + ", the manifest's indexDigest " + manifest.indexDigest());
        }
        ImageIndex index;
        try {
            index = decoder.decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new ImageFetchException(Reason.INDEX_REFUSED, "image index refused: it does not decode: " + e.getMessage(), null, e);
        }
        if (index == null) {
            throw new ImageFetchException(Reason.INDEX_REFUSED, "image index refused: the decoder returned nothing");
        }
        if (index.size() != manifest.size() || index.chunks().size() != manifest.chunks()) {
            throw new ImageFetchException(Reason.INDEX_REFUSED, "image index refused: it describes " + index.size() + " bytes in "
                    + index.chunks().size() + " chunks, the manifest " + manifest.size() + " bytes in " + manifest.chunks());
        }
        Map<ChunkId, Integer> lengths = new HashMap<>();
        for (ChunkRef chunk : index.chunks()) {
            if (chunk.length() > index.params().max()) {
                throw new ImageFetchException(Reason.INDEX_REFUSED, "image index refused: chunk " + chunk.id() + " is " + chunk.length()
                        + " bytes, more than the index's maximum " + index.params().max());
            }
            Integer previous = lengths.putIfAbsent(chunk.id(), chunk.length());
            if (previous != null && previous != chunk.length()) {
                throw new ImageFetchException(Reason.INDEX_REFUSED, "image index refused: chunk " + chunk.id() + " occurs with two lengths");
            }
        }
        return index;
    }

    private static void checkTarget(Path target) throws ImageFetchException {
        Path folder = target.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new ImageFetchException(Reason.LOCAL_IO, "the folder of " + target + " does not exist");
        }
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new ImageFetchException(Reason.LOCAL_IO, target + " is a folder, not a payload file");
        }
    }

    // ---- local data ----------------------------------------------------------------------------

    /** Locks the journal, opens the partial file, and returns the chunks already (and verifiably) in it. */
    private BitSet openPartial(ImageManifest manifest, ImageIndex index, Path partial, Path journalFile) throws IOException, ImageFetchException {
        try {
            journal = FetchJournal.open(journalFile, HEX.parseHex(manifest.digest()), HEX.parseHex(manifest.indexDigest()), index.size());
        } catch (FetchJournal.Busy e) {
            throw new ImageFetchException(Reason.LOCAL_IO, e.getMessage() + ": is another fetch into " + request.target() + " running?");
        }
        BitSet recorded = Files.exists(partial) ? journal.recorded(index.chunks().size()) : null;
        BitSet done = new BitSet(index.chunks().size());
        if (recorded == null) {
            // Partial before journal: a crash in between leaves a journal that no longer matches, and so is ignored.
            partialChannel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            journal.startOver();
            return done;
        }
        partialChannel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        if (partialChannel.size() > index.size()) {
            partialChannel.truncate(index.size());
        }
        // The journal says what was written; only the bytes say whether it survived. Check each.
        try (FileChannel reader = FileChannel.open(partial, StandardOpenOption.READ)) {
            long length = reader.size();
            for (int i = recorded.nextSetBit(0); i >= 0; i = recorded.nextSetBit(i + 1)) {
                throwIfFailed();
                ChunkRef ref = index.chunks().get(i);
                if (ref.end() <= length) {
                    byte[] data = readAt(reader, ref.offset(), ref.length());
                    if (data != null && ChunkCodec.matches(data, data.length, ref)) {
                        done.set(i);
                        chunksResumed++;
                        bytesResumed += ref.length();
                    }
                }
            }
        }
        return done;
    }

    /**
     * Fills what it can from local data, in index order, and returns what must be downloaded. For
     * each missing chunk it tries, in turn, a copy of it already in the partial file, the seeds,
     * then the chunk cache; every copy is checked against the chunk's id before it is used.
     */
    private Queue<Download> reuseLocal(ImageIndex index, BitSet done, Path partial)
            throws IOException, ImageFetchException, InterruptedException {
        List<ChunkRef> chunks = index.chunks();
        Map<ChunkId, List<Integer>> missing = new LinkedHashMap<>();
        Map<ChunkId, Integer> present = new HashMap<>();
        for (int i = 0; i < chunks.size(); i++) {
            ChunkId id = chunks.get(i).id();
            if (done.get(i)) {
                present.putIfAbsent(id, i);
            } else {
                missing.computeIfAbsent(id, k -> new ArrayList<>()).add(i);
            }
        }
        Queue<Download> downloads = new ConcurrentLinkedQueue<>();
        List<FileChannel> seedChannels = new ArrayList<>();
        try (FileChannel own = FileChannel.open(partial, StandardOpenOption.READ)) {
            Map<ChunkId, SeedChunk> inSeeds = openSeeds(missing, seedChannels);
            for (Map.Entry<ChunkId, List<Integer>> entry : missing.entrySet()) {
                throwIfFailed();
                ChunkRef ref = chunks.get(entry.getValue().getFirst());
                byte[] data = null;
                Integer copy = present.get(ref.id());
                if (copy != null) {
                    data = verified(readAt(own, chunks.get(copy).offset(), ref.length()), ref);
                }
                SeedChunk seed = inSeeds.get(ref.id());
                if (data == null && seed != null) {
                    data = fromSeed(seedChannels.get(seed.seed()), seed.offset(), ref);
                }
                if (data == null) {
                    data = fromCache(ref); // after the seeds: a cached chunk costs a decompression
                }
                int[] positions = entry.getValue().stream().mapToInt(Integer::intValue).toArray();
                if (data == null) {
                    downloads.add(new Download(ref, positions));
                } else {
                    submit(positions, data);
                    chunksReused += positions.length;
                    bytesReused += (long) ref.length() * positions.length;
                }
            }
        } finally {
            for (FileChannel channel : seedChannels) {
                try {
                    channel.close();
                } catch (IOException e) {
                    // read-only; nothing was lost
                }
            }
        }
        return downloads;
    }

    private record SeedChunk(int seed, long offset) {}

    private Map<ChunkId, SeedChunk> openSeeds(Map<ChunkId, List<Integer>> missing, List<FileChannel> channels) {
        Map<ChunkId, SeedChunk> found = new HashMap<>();
        for (FetchRequest.Seed seed : request.seeds()) {
            FileChannel channel;
            try {
                channel = FileChannel.open(seed.payload(), StandardOpenOption.READ);
                // A payload of another size than its index is not what the index describes: skip it.
                if (channel.size() != seed.index().size()) {
                    channel.close();
                    continue;
                }
            } catch (IOException e) {
                continue; // a seed is an optimisation; one that cannot be read only costs downloads
            }
            channels.add(channel);
            for (ChunkRef ref : seed.index().chunks()) {
                if (missing.containsKey(ref.id())) {
                    found.putIfAbsent(ref.id(), new SeedChunk(channels.size() - 1, ref.offset()));
                }
            }
        }
        return found;
    }

    private static byte[] fromSeed(FileChannel seed, long offset, ChunkRef ref) {
        try {
            return verified(readAt(seed, offset, ref.length()), ref);
        } catch (IOException e) {
            return null; // a seed that cannot be read (any more) only costs a download
        }
    }

    private byte[] fromCache(ChunkRef ref) {
        if (cache == null) {
            return null;
        }
        try {
            return cache.contains(ref.id()) ? verified(cache.read(ref.id()), ref) : null;
        } catch (IOException | RuntimeException e) {
            return null; // a damaged cache entry is downloaded again
        }
    }

    private static byte[] verified(byte[] data, ChunkRef ref) {
        return data != null && ChunkCodec.matches(data, data.length, ref) ? data : null;
    }

    /** {@code length} bytes at {@code offset}, or null if the file ends before. */
    private static byte[] readAt(FileChannel channel, long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        long at = offset;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                return null;
            }
            at += n;
        }
        return buffer.array();
    }

    // ---- downloads -----------------------------------------------------------------------------

    private record Download(ChunkRef ref, int[] positions) {}

    /** A fetch that has been stopped (cancelled, or failed elsewhere): the worker just ends. */
    private static final class Stopped extends Exception {
        Stopped() {
            super(null, null, false, false);
        }
    }

    private void download(Queue<Download> downloads) throws ImageFetchException {
        meter.report(true);
        int workers = Math.min(options.parallelism(), downloads.size());
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            try {
                futures.add(tasks.submit(() -> downloadAll(downloads)));
            } catch (RejectedExecutionException e) {
                break; // stopped already
            }
        }
        for (Future<?> future : futures) {
            join(future);
        }
        throwIfFailed();
    }

    private void downloadAll(Queue<Download> downloads) {
        Download next;
        while (failure.get() == null && (next = downloads.poll()) != null) {
            Download download = next;
            ChunkRef ref = download.ref();
            int bound = ChunkCodec.maxCompressed(ref.length());
            try {
                byte[] data = retrying("chunk " + ref.id(), ref.id(), () -> {
                    byte[] compressed = source.chunk(ref.id(), bound);
                    byte[] chunk = ChunkCodec.decode(compressed, ref);
                    bytesDownloaded.addAndGet(compressed.length);
                    return chunk;
                });
                chunksDownloaded.incrementAndGet();
                submit(download.positions(), data);
                if (cache != null) {
                    try {
                        cache.write(ref.id(), data, 0, data.length);
                    } catch (IOException | RuntimeException e) {
                        cacheWriteFailures.incrementAndGet();
                    }
                }
            } catch (ImageFetchException e) {
                fail(e);
                return;
            } catch (Stopped | InterruptedException e) {
                return;
            }
        }
    }

    private interface Attempt<T> {
        T run() throws IOException, ChunkCodec.CorruptChunk;
    }

    /**
     * Runs {@code attempt} until it succeeds, retrying transient failures after a growing,
     * randomised pause, up to the attempt limit. A corrupt chunk is retried once: one bad copy can
     * be a flipped bit or a bad cache on the way; two in a row means the source holds a bad chunk.
     */
    private <T> T retrying(String what, ChunkId chunk, Attempt<T> attempt) throws ImageFetchException, Stopped {
        int corrupt = 0;
        String last = "";
        for (int attempts = 1; ; attempts++) {
            if (failure.get() != null) {
                throw new Stopped();
            }
            try {
                return attempt.run();
            } catch (ChunkCodec.CorruptChunk e) {
                if (++corrupt >= 2) {
                    throw new ImageFetchException(Reason.CHUNK_CORRUPT, what + " from " + source.describe() + " " + e.getMessage()
                            + ", twice: the store holds a bad copy; refused", chunk, e);
                }
                last = what + " " + e.getMessage();
            } catch (SourceException e) {
                if (stopping()) {
                    throw new Stopped();
                }
                switch (e.kind()) {
                    case NOT_FOUND, REFUSED -> throw new ImageFetchException(Reason.SOURCE_FAILED, what + ": " + e.getMessage(), chunk, e);
                    case OVERSIZED -> {
                        // A chunk file too large to be the chunk is a bad copy, like a corrupt one.
                        if (chunk == null) {
                            throw new ImageFetchException(Reason.INDEX_REFUSED, what + " refused: " + e.getMessage(), null, e);
                        }
                        if (++corrupt >= 2) {
                            throw new ImageFetchException(Reason.CHUNK_CORRUPT, what + ": " + e.getMessage() + ", twice; refused", chunk, e);
                        }
                    }
                    case TRANSIENT -> { }
                }
                last = e.getMessage();
            } catch (IOException e) {
                if (stopping()) {
                    throw new Stopped();
                }
                last = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            } catch (RuntimeException e) {
                throw new ImageFetchException(Reason.SOURCE_FAILED, what + ": the source failed: " + e, chunk, e);
            }
            if (attempts >= options.maxAttempts()) {
                throw new ImageFetchException(Reason.SOURCE_FAILED, what + " from " + source.describe() + ": gave up after "
                        + attempts + " attempt" + (attempts == 1 ? "" : "s") + "; last error: " + last, chunk, null);
            }
            try {
                Thread.sleep(backoff(attempts));
            } catch (InterruptedException e) {
                throw new Stopped();
            }
        }
    }

    private boolean stopping() {
        return failure.get() != null || Thread.currentThread().isInterrupted();
    }

    /** Full pause {@code initial * 2^(failures-1)}, capped, of which a random half is taken off. */
    private long backoff(int failures) {
        long initial = options.initialBackoff().toMillis();
        long max = options.maxBackoff().toMillis();
        long pause = failures >= 31 ? max : Math.min(max, initial << Math.min(failures - 1, 30));
        return pause / 2 + ThreadLocalRandom.current().nextLong(pause / 2 + 1);
    }

    private void submit(int[] positions, byte[] data) throws InterruptedException {
        writer.submit(positions, data);
    }

    // ---- verify and install ----------------------------------------------------------------------

    private void install(Path partial, Path target) throws ImageFetchException {
        try {
            partialChannel.close(); // the writer synced it when it finished
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new ImageFetchException(Reason.LOCAL_IO, "cannot replace " + target + " in one step: " + e.getMessage(), null, e);
            }
            syncFolder(target.getParent());
            journal.delete();
            journal = null;
        } catch (IOException e) {
            throw new ImageFetchException(Reason.LOCAL_IO, "cannot install " + target + ": " + e.getMessage(), null, e);
        }
    }

    // The rename is durable only once the folder is: without this a power cut could bring back the old payload
    // after the journal is gone. Not every system can open a folder for syncing; there, the rename is the best we have.
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            // see above
        }
    }

    private void discard(Path partial) {
        try {
            partialChannel.close();
            Files.deleteIfExists(partial);
            journal.delete();
            journal = null;
        } catch (IOException e) {
            // the fetch is failing anyway; a leftover journal no longer matches what a new fetch writes
        }
    }

    // ---- plumbing ----------------------------------------------------------------------------------

    private ImageFetchException fail(ImageFetchException e) {
        if (failure.compareAndSet(null, e)) {
            tasks.shutdownNow();
        }
        return failure.get();
    }

    private void throwIfFailed() throws ImageFetchException {
        ImageFetchException e = failure.get();
        if (e != null) {
            throw e;
        }
    }

    private interface Task<T> {
        T call() throws Exception;
    }

    /** Runs {@code task} on a thread of this run, so that cancelling can interrupt it, and waits for it. */
    private <T> T await(Task<T> task) throws ImageFetchException {
        T value = join(submitTask(task));
        throwIfFailed();
        return value;
    }

    /** Starts {@code task} on a thread of this run, so that cancelling can interrupt it. */
    private <T> Future<T> submitTask(Task<T> task) throws ImageFetchException {
        try {
            return tasks.submit(task::call);
        } catch (RejectedExecutionException e) {
            throwIfFailed();
            throw new ImageFetchException(Reason.CANCELLED, "the fetch was stopped");
        }
    }

    private <T> T join(Future<T> future) throws ImageFetchException {
        while (true) {
            try {
                return future.get();
            } catch (InterruptedException e) {
                // The caller interrupted its own thread: cancel, and wait for our threads to let go.
                callerInterrupted = true;
                fail(new ImageFetchException(Reason.CANCELLED, "the fetch was interrupted"));
            } catch (CancellationException e) {
                throwIfFailed();
                throw new ImageFetchException(Reason.CANCELLED, "the fetch was stopped");
            } catch (ExecutionException e) {
                throwIfFailed(); // an error in a task that was being stopped is a consequence, not the cause
                Throwable cause = e.getCause();
                if (cause instanceof ImageFetchException fetch) {
                    throw fail(fetch);
                }
                if (cause instanceof Stopped) {
                    throw fail(new ImageFetchException(Reason.CANCELLED, "the fetch was stopped"));
                }
                if (cause instanceof IOException io) {
                    throw fail(new ImageFetchException(Reason.LOCAL_IO, "local files: " + io.getMessage(), null, io));
                }
                throw fail(new ImageFetchException(Reason.LOCAL_IO, "unexpected error: " + cause, null, cause));
            }
        }
    }

    private void cleanUp() {
        tasks.shutdownNow();
        boolean interrupted = false;
        while (true) {
            try {
                if (tasks.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (writer != null) {
            writer.finish();
        }
        if (interrupted) {
            callerInterrupted = true;
        }
        try {
            if (partialChannel != null && partialChannel.isOpen()) {
                partialChannel.close();
            }
        } catch (IOException e) {
            // closing after a failure; the journal decides what a resume trusts
        }
        try {
            if (journal != null) {
                journal.close();
            }
        } catch (IOException e) {
            // as above
        }
    }

    private int writerCapacity(ImageIndex index) {
        // Enough to keep every worker busy, and no more than about 64 MiB of chunks held in memory.
        int byMemory = (int) Math.max(2, (64L << 20) / Math.max(1, index.params().max()));
        return Math.max(2, Math.min(options.parallelism() * 2, byMemory));
    }

    private static boolean isDigest(String hex) {
        return hex != null && hex.length() == 64 && hex.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f');
    }
}
