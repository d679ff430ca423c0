package org.workcell.image;

import java.util.List;

/**
 * The ordered chunks of one image payload: chunk i covers bytes [offset, offset + length) and the
 * chunks tile the payload without gaps. Stored on disk in casync's blob index format (.caibx).
 */
public record ImageIndex(ChunkerParams params, List<ChunkRef> chunks) {
    public ImageIndex {
        chunks = List.copyOf(chunks);
        long expected = 0;
        for (ChunkRef chunk : chunks) {
            if (chunk.offset() != expected) {
                throw new IllegalArgumentException("chunks must tile the payload: gap or overlap at byte " + expected);
            }
            expected = chunk.end();
        }
    }

    /** The payload's size in bytes. */
    public long size() {
        return chunks.isEmpty() ? 0 : chunks.getLast().end();
    }
}
