package org.workcell.image;

/**
 * A fetch that did not install its image. Whatever the reason, the target file is as it was
 * before; a fetch that failed while downloading leaves its partial file and journal beside the
 * target so that the next fetch of the same image resumes where this one stopped.
 */
public final class ImageFetchException extends Exception {
    public enum Reason {
        /** The manifest token is malformed, of another type, or not signed by the pinned image key. */
        MANIFEST_REFUSED,
        /** The manifest is genuine but older than the image installed, without the signer's permission to roll back. */
        POLICY_REFUSED,
        /** The index does not match the manifest's digest, does not decode, or disagrees with the manifest. */
        INDEX_REFUSED,
        /** A chunk from the source was not the chunk its id names, twice. */
        CHUNK_CORRUPT,
        /** The source could not deliver (not found, refused, or still failing after every attempt). */
        SOURCE_FAILED,
        /** Every chunk checked but the whole payload did not hash to the manifest's digest. */
        DIGEST_MISMATCH,
        /** The local disk failed: the target's folder is missing, the disk is full, another fetch holds the target. */
        LOCAL_IO,
        /** The fetch was cancelled (the fetcher closed, the calling thread interrupted). */
        CANCELLED
    }

    private final Reason reason;
    private final transient ChunkId chunk;

    public ImageFetchException(Reason reason, String message) {
        this(reason, message, null, null);
    }

    public ImageFetchException(Reason reason, String message, ChunkId chunk, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.chunk = chunk;
    }

    public Reason reason() {
        return reason;
    }

    /** The chunk the failure is about, or null when it is not about one chunk. */
    public ChunkId chunk() {
        return chunk;
    }
}
