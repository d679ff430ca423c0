package org.workcell.image;

/** One chunk of an image payload: where it starts, how long it is, and what it is. */
public record ChunkRef(long offset, int length, ChunkId id) {
    public ChunkRef {
        if (offset < 0 || length <= 0) {
            throw new IllegalArgumentException("a chunk has a non-negative offset and a positive length");
        }
    }

    public long end() {
        return offset + length;
    }
}
