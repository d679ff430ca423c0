package org.workcell.image;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Chunks in memory, for tests about what is chunked rather than how it is kept. */
final class CountingMemoryStore implements ChunkStore {
    final Map<ChunkId, byte[]> chunks = new ConcurrentHashMap<>();

    @Override
    public boolean contains(ChunkId id) {
        return chunks.containsKey(id);
    }

    @Override
    public byte[] read(ChunkId id) throws IOException {
        byte[] data = chunks.get(id);
        if (data == null) {
            throw new NoSuchFileException(id.hex());
        }
        return data.clone();
    }

    @Override
    public void write(ChunkId id, byte[] data, int offset, int length) {
        if (!ChunkId.hash(data, offset, length).equals(id)) {
            throw new IllegalArgumentException("not the chunk's id");
        }
        chunks.putIfAbsent(id, Arrays.copyOfRange(data, offset, offset + length));
    }
}
