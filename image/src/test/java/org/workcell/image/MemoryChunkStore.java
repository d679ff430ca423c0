package org.workcell.image;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A chunk cache in memory, for tests: what the fetcher needs of a ChunkStore and nothing more. */
final class MemoryChunkStore implements ChunkStore {
    final Map<ChunkId, byte[]> chunks = new ConcurrentHashMap<>();
    final AtomicInteger reads = new AtomicInteger();
    final AtomicInteger writes = new AtomicInteger();

    @Override
    public boolean contains(ChunkId id) {
        return chunks.containsKey(id);
    }

    @Override
    public byte[] read(ChunkId id) throws IOException {
        reads.incrementAndGet();
        byte[] data = chunks.get(id);
        if (data == null) {
            throw new NoSuchFileException(id.storePath());
        }
        if (!ChunkId.hash(data, 0, data.length).equals(id)) {
            throw new IOException("chunk " + id + " in the cache does not match its id");
        }
        return data.clone();
    }

    @Override
    public void write(ChunkId id, byte[] data, int offset, int length) {
        writes.incrementAndGet();
        chunks.putIfAbsent(id, Arrays.copyOfRange(data, offset, offset + length));
    }
}
