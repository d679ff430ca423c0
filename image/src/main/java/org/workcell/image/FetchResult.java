package org.workcell.image;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What a successful fetch installed and what it cost. Chunk counts are of positions in the index
 * except {@code chunksDownloaded}, which counts chunk files: a chunk that occurs twice in an image
 * is downloaded once (and then counted in neither the downloaded nor the reused bytes).
 *
 * @param manifest           the verified manifest of the installed image
 * @param index              its index, to use as a seed for the next update
 * @param target             where the payload now is
 * @param chunksDownloaded   chunk files downloaded from the source
 * @param bytesDownloaded    their compressed size, as transferred
 * @param chunksReused       chunks copied from seeds or the chunk cache instead of downloaded
 * @param bytesReused        their uncompressed size
 * @param chunksResumed      chunks already in place from an earlier, interrupted fetch of this image
 * @param bytesResumed       their uncompressed size
 * @param cacheWriteFailures downloaded chunks that could not be added to the chunk cache (which
 *                           does not fail the fetch: the cache only saves later downloads)
 * @param elapsed            how long the fetch took
 */
public record FetchResult(
        ImageManifest manifest,
        ImageIndex index,
        Path target,
        int chunksDownloaded,
        long bytesDownloaded,
        int chunksReused,
        long bytesReused,
        int chunksResumed,
        long bytesResumed,
        int cacheWriteFailures,
        Duration elapsed) {}
