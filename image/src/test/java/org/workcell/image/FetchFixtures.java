package org.workcell.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.workcell.core.crypto.Ed25519;
import org.workcell.core.jws.CompactJws;

/**
 * Test images made without the real builder or .caibx format (another branch writes those):
 * a payload cut at chosen boundaries, each chunk zstd-compressed into a casync-layout store, a
 * trivial index encoding, and a manifest signed like the server signs one.
 */
final class FetchFixtures {
    static final ChunkerParams PARAMS = new ChunkerParams(1024, 4096, 16384);
    static final KeyPair IMAGE_KEY = Ed25519.generate();
    static final String INDEX_FILE = "images/test.tidx";

    private static final byte[] INDEX_MAGIC = {'T', 'I', 'D', 'X'};

    private FetchFixtures() {}

    /** An image as the server would publish it. */
    record TestImage(byte[] payload, ImageIndex index, byte[] indexBytes, Map<ChunkId, byte[]> chunkFiles, ImageManifest manifest, String token) {
        int chunkCount() {
            return index.chunks().size();
        }

        long compressedSize(ChunkId id) {
            return chunkFiles.get(id).length;
        }

        TestImage withManifest(ImageManifest other) {
            return new TestImage(payload, index, indexBytes, chunkFiles, other, sign(other));
        }

        /** Writes the chunk files and the index under {@code store}, as a static server would hold them. */
        TestImage publish(Path store) {
            try {
                for (Map.Entry<ChunkId, byte[]> chunk : chunkFiles.entrySet()) {
                    Path file = store.resolve(chunk.getKey().storePath());
                    Files.createDirectories(file.getParent());
                    Files.write(file, chunk.getValue());
                }
                Path index = store.resolve(INDEX_FILE);
                Files.createDirectories(index.getParent());
                Files.write(index, indexBytes);
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** A request for this image into {@code target}, index from the store, nothing installed. */
        FetchRequest request(Path target) {
            return FetchRequest.of(token, IMAGE_KEY.getPublic(), FetchPolicy.NOTHING_INSTALLED, FetchRequest.IndexSource.at(INDEX_FILE), target);
        }
    }

    static byte[] randomPayload(long seed, int size) {
        byte[] payload = new byte[size];
        Random random = new Random(seed);
        // Half random, half runs of one byte: chunks that compress a lot and chunks that do not.
        for (int i = 0; i < size; ) {
            int run = Math.min(size - i, 1 + random.nextInt(2048));
            if (random.nextBoolean()) {
                for (int j = 0; j < run; j++) {
                    payload[i + j] = (byte) random.nextInt();
                }
            } else {
                java.util.Arrays.fill(payload, i, i + run, (byte) random.nextInt());
            }
            i += run;
        }
        return payload;
    }

    /** Chunk boundaries every {@code length} bytes (the last chunk shorter). */
    static List<Integer> fixedLengths(int size, int length) {
        List<Integer> lengths = new ArrayList<>();
        for (int at = 0; at < size; at += length) {
            lengths.add(Math.min(length, size - at));
        }
        return lengths;
    }

    /** Random chunk lengths within the test parameters. */
    static List<Integer> randomLengths(int size, Random random) {
        List<Integer> lengths = new ArrayList<>();
        for (int at = 0; at < size; ) {
            int length = Math.min(size - at, PARAMS.min() + random.nextInt(PARAMS.max() - PARAMS.min() + 1));
            lengths.add(length);
            at += length;
        }
        return lengths;
    }

    static TestImage image(byte[] payload, List<Integer> lengths, long serial) {
        List<ChunkRef> refs = new ArrayList<>();
        Map<ChunkId, byte[]> files = new LinkedHashMap<>();
        long offset = 0;
        for (int length : lengths) {
            ChunkId id = ChunkId.hash(payload, (int) offset, length);
            refs.add(new ChunkRef(offset, length, id));
            files.put(id, Zstd.compress(java.util.Arrays.copyOfRange(payload, (int) offset, (int) offset + length), 3));
            offset += length;
        }
        assertThat(offset).isEqualTo(payload.length);
        ImageIndex index = new ImageIndex(PARAMS, refs);
        byte[] indexBytes = encodeIndex(index);
        ImageManifest manifest = manifest(payload, index, indexBytes, serial, false);
        return new TestImage(payload, index, indexBytes, files, manifest, sign(manifest));
    }

    static TestImage image(long seed, int size, int chunkLength, long serial) {
        byte[] payload = randomPayload(seed, size);
        return image(payload, fixedLengths(size, chunkLength), serial);
    }

    static ImageManifest manifest(byte[] payload, ImageIndex index, byte[] indexBytes, long serial, boolean rollback) {
        return new ImageManifest("img-test", "test", "1." + serial, serial, payload.length, sha256(payload), sha256(indexBytes),
                index.chunks().size(), new ImageManifest.Display(1080, 2340, 420), "test-os", List.of("mail"),
                Instant.parse("2026-01-01T00:00:00Z"), rollback);
    }

    static String sign(ImageManifest manifest) {
        return CompactJws.signJson(ImageManifest.TOKEN_TYPE, Ed25519.keyId(IMAGE_KEY.getPublic()), manifest, IMAGE_KEY.getPrivate());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The trivial test index: magic, min/avg/max, count, then each chunk's length and id. */
    static byte[] encodeIndex(ImageIndex index) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(INDEX_MAGIC);
            out.writeInt(index.params().min());
            out.writeInt(index.params().avg());
            out.writeInt(index.params().max());
            out.writeInt(index.chunks().size());
            for (ChunkRef ref : index.chunks()) {
                out.writeInt(ref.length());
                out.write(ref.id().bytes());
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final IndexDecoder DECODER = FetchFixtures::decodeIndex;

    static ImageIndex decodeIndex(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        byte[] magic = in.readNBytes(4);
        if (!java.util.Arrays.equals(magic, INDEX_MAGIC)) {
            throw new IOException("not a test index");
        }
        ChunkerParams params = new ChunkerParams(in.readInt(), in.readInt(), in.readInt());
        int count = in.readInt();
        List<ChunkRef> refs = new ArrayList<>();
        long offset = 0;
        for (int i = 0; i < count; i++) {
            int length = in.readInt();
            byte[] id = in.readNBytes(ChunkId.BYTES);
            if (id.length != ChunkId.BYTES) {
                throw new IOException("test index ends early");
            }
            refs.add(new ChunkRef(offset, length, ChunkId.of(id)));
            offset += length;
        }
        if (in.read() >= 0) {
            throw new IOException("trailing bytes after the test index");
        }
        return new ImageIndex(params, refs);
    }

    static FetchOptions fastOptions() {
        return FetchOptions.DEFAULT.withBackoff(java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(5)).withMaxAttempts(3);
    }
}
