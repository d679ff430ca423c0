package org.workcell.image;

import java.io.IOException;

/**
 * Chunks by id, each kept zstd-compressed in casync's layout ({@code xxxx/<id>.cacnk}), so that
 * casync and desync can read a Workcell store and any static file server can serve one.
 */
public interface ChunkStore {
    boolean contains(ChunkId id) throws IOException;

    /** The chunk's uncompressed bytes, checked against its id; a chunk that does not match is an error. */
    byte[] read(ChunkId id) throws IOException;

    /** Stores a chunk unless it is there already; writes are atomic (a reader never sees half a chunk). */
    void write(ChunkId id, byte[] data, int offset, int length) throws IOException;

    /**
     * Stores a chunk under the id of its bytes, which this computes, and returns that id. Stores
     * that check ids in {@link #write} override this to hash once instead of twice.
     */
    default ChunkId put(byte[] data, int offset, int length) throws IOException {
        ChunkId id = ChunkId.hash(data, offset, length);
        write(id, data, offset, length);
        return id;
    }
}
