package org.workcell.image;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.workcell.image.internal.FetchRun;

/**
 * Fetches images: checks a signed manifest against the pinned image key and the installed
 * image, fetches and checks the index the manifest pins, copies what local data already holds,
 * downloads the remaining chunks in parallel (each checked against its id before it is used),
 * assembles the payload beside the target, checks it against the manifest's digest, and only
 * then replaces the target in one atomic rename. A fetch that stops part way (an error, a cancel,
 * a killed process) leaves the target as it was, and the next fetch of the same image into the
 * same target resumes from what was written.
 *
 * <p>One fetcher can run several fetches at once, into different targets. {@link #close()}
 * cancels the fetches in progress; it closes neither the source nor the cache, which belong to
 * the caller.
 */
public final class ImageFetcher implements AutoCloseable {
    private final FetchSource source;
    private final IndexDecoder decoder;
    private final ChunkStore cache;
    private final FetchOptions options;
    private final Set<FetchRun> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** A fetcher without a chunk cache. */
    public ImageFetcher(FetchSource source, IndexDecoder decoder, FetchOptions options) {
        this(source, decoder, null, options);
    }

    /**
     * @param cache local chunks to use before downloading, and to which downloaded chunks are
     *              added; null for none
     */
    public ImageFetcher(FetchSource source, IndexDecoder decoder, ChunkStore cache, FetchOptions options) {
        this.source = Objects.requireNonNull(source, "source");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.cache = cache;
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Fetches and installs the image {@code request} describes. Interrupting the calling thread
     * cancels the fetch (its interrupt status is kept).
     *
     * @throws ImageFetchException when the image was not installed; its reason says why, and the
     *                             target is untouched ({@link ImageFetchException.Reason#CANCELLED}
     *                             when the fetcher is closed)
     */
    public FetchResult fetch(FetchRequest request) throws ImageFetchException {
        Objects.requireNonNull(request, "request");
        FetchRun run = new FetchRun(source, decoder, cache, options, request);
        running.add(run);
        try {
            // Checked after registering, so that a close() racing with us either cancels the run or is seen here.
            if (closed) {
                run.cancel("the image fetcher is closed");
            }
            return run.run();
        } finally {
            running.remove(run);
        }
    }

    /** Cancels every fetch in progress and waits until each has stopped and let go of its files. */
    @Override
    public void close() {
        closed = true;
        for (FetchRun run : running) {
            run.cancel("the image fetcher was closed");
        }
        for (FetchRun run : running) {
            run.awaitFinished();
        }
    }
}
