package org.workcell.server.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.AbstractQueuedLongSynchronizer;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.workcell.core.crypto.Ed25519;
import org.workcell.core.jws.CompactJws;
import org.workcell.core.problem.ProblemException;
import org.workcell.image.ChunkId;
import org.workcell.image.ChunkRef;
import org.workcell.image.ChunkStore;
import org.workcell.image.ChunkerParams;
import org.workcell.image.DirectoryChunkStore;
import org.workcell.image.IndexDecoder;
import org.workcell.image.ImageIndex;
import org.workcell.image.ImageManifest;
import org.workcell.server.internal.audit.AuditLog;
import org.workcell.server.internal.db.Database;
import org.workcell.server.internal.group.GroupService;
import org.workcell.server.internal.http.Actor;
import org.workcell.server.internal.image.ImageRepository;
import org.workcell.server.internal.image.ImageView;
import org.workcell.server.internal.keys.ServerKeyring;
import org.workcell.server.internal.push.PushHub;
import org.workcell.server.testing.MutableClock;
import org.workcell.server.testing.TestDatabase;

/**
 * Publishing checks every byte before the server signs: all chunks present and intact, size and
 * payload digest right; a version is published once; a group's rollback gets a signed permission;
 * a version in use cannot be deleted; garbage collection never races an upload. The index
 * encoding is a test double here, and so is the chunk store except where garbage collection
 * (which walks the real store's files) is tested; the real ones are tested in the image module.
 */
class ImageRepositoryTest {
    private static final Actor ADMIN = new Actor(Actor.Type.ADMIN, "admin", "127.0.0.1");
    private static final int MAX_CHUNK = 4096;

    @TempDir
    Path temp;

    /** A store in memory, keyed by id, checking ids on read like a real one. */
    static final class MemoryStore implements ChunkStore {
        final Map<ChunkId, byte[]> chunks = new ConcurrentHashMap<>();

        @Override
        public boolean contains(ChunkId id) {
            return chunks.containsKey(id);
        }

        @Override
        public byte[] read(ChunkId id) throws IOException {
            byte[] data = chunks.get(id);
            if (data == null || !ChunkId.hash(data, 0, data.length).equals(id)) {
                throw new IOException("chunk " + id + " is missing or damaged");
            }
            return data.clone();
        }

        @Override
        public void write(ChunkId id, byte[] data, int offset, int length) {
            chunks.putIfAbsent(id, java.util.Arrays.copyOfRange(data, offset, offset + length));
        }
    }

    /** A plain test encoding of an index: per chunk, its length (4 bytes) and id (32 bytes). */
    static byte[] encode(ImageIndex index) {
        ByteBuffer out = ByteBuffer.allocate(index.chunks().size() * 36);
        index.chunks().forEach(c -> out.putInt(c.length()).put(c.id().bytes()));
        return out.array();
    }

    static ImageIndex decode(byte[] bytes) throws IOException {
        if (bytes.length % 36 != 0) {
            throw new IOException("not a test index");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        List<ChunkRef> chunks = new ArrayList<>();
        long offset = 0;
        while (in.hasRemaining()) {
            int length = in.getInt();
            byte[] id = new byte[32];
            in.get(id);
            chunks.add(new ChunkRef(offset, length, ChunkId.of(id)));
            offset += length;
        }
        return new ImageIndex(ChunkerParams.DEFAULT, chunks);
    }

    record Build(byte[] payload, ImageIndex index, byte[] indexBytes, List<byte[]> chunks) {
        String digest() {
            return sha256(payload);
        }
    }

    static Build build(long seed, int chunkCount) {
        Random random = new Random(seed);
        List<byte[]> chunks = new ArrayList<>();
        List<ChunkRef> refs = new ArrayList<>();
        java.io.ByteArrayOutputStream payload = new java.io.ByteArrayOutputStream();
        long offset = 0;
        for (int i = 0; i < chunkCount; i++) {
            byte[] data = new byte[256 + random.nextInt(MAX_CHUNK - 256)];
            random.nextBytes(data);
            chunks.add(data);
            refs.add(new ChunkRef(offset, data.length, ChunkId.hash(data, 0, data.length)));
            payload.writeBytes(data);
            offset += data.length;
        }
        ImageIndex index = new ImageIndex(ChunkerParams.DEFAULT, refs);
        return new Build(payload.toByteArray(), index, encode(index), chunks);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String builderManifest(String name, String version, Build b) {
        var key = Ed25519.generate(); // a builder's own key: the server does not trust it
        ImageManifest m = new ImageManifest(name + "@" + version, name, version, 0, b.payload().length, b.digest(), sha256(b.indexBytes()),
                b.index().chunks().size(), new ImageManifest.Display(720, 1560, 320), "test-os 1", List.of("mail"),
                java.time.Instant.EPOCH, false);
        return CompactJws.signJson(ImageManifest.TOKEN_TYPE, Ed25519.keyId(key.getPublic()), m, key.getPrivate());
    }

    private record Fixture(ImageRepository images, MemoryStore store, ServerKeyring keys, GroupService groups, MutableClock clock,
                           TestDatabase db, Database database) implements AutoCloseable {
        @Override
        public void close() {
            database.close();
            db.close();
        }
    }

    private Fixture fixture(TestDatabase.Kind kind) throws IOException {
        TestDatabase db = TestDatabase.create(kind, temp);
        Database database = db.open();
        MutableClock clock = MutableClock.startingNow();
        ServerKeyring keys = ServerKeyring.loadOrCreate(temp.resolve("keys-" + kind));
        MemoryStore store = new MemoryStore();
        AuditLog audit = new AuditLog(database.jdbi(), clock);
        ImageRepository images = new ImageRepository(database.jdbi(), clock, audit, keys, temp.resolve("images-" + kind), store,
                ImageRepositoryTest::decode, MAX_CHUNK);
        GroupService groups = new GroupService(database.jdbi(), clock, audit, new PushHub(Duration.ZERO, Duration.ofMinutes(5)), images::serial);
        return new Fixture(images, store, keys, groups, clock, db, database);
    }

    private static void upload(ImageRepository images, Build b) {
        var upload = images.uploadIndex(b.indexBytes());
        for (String hex : upload.missing()) {
            ChunkId id = ChunkId.parse(hex);
            byte[] data = b.chunks().stream().filter(c -> ChunkId.hash(c, 0, c.length).equals(id)).findFirst().orElseThrow();
            images.putChunk(id, Zstd.compress(data));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void publishesOnlyWhatItHasCheckedAndSignsItItself(TestDatabase.Kind kind) throws Exception {
        try (Fixture f = fixture(kind)) {
            Build b = build(1, 40);
            var upload = f.images().uploadIndex(b.indexBytes());
            assertThat(upload.missing()).hasSize(40);
            assertThat(upload.size()).isEqualTo(b.payload().length);
            // Not all chunks there yet: refused, nothing published.
            f.images().putChunk(b.index().chunks().getFirst().id(), Zstd.compress(b.chunks().getFirst()));
            assertThatThrownBy(() -> f.images().publish(builderManifest("phone", "1.0", b), ADMIN))
                    .isInstanceOf(ProblemException.class).hasMessageContaining("has not been uploaded");
            assertThat(f.images().list()).isEmpty();

            upload(f.images(), b);
            assertThat(f.images().uploadIndex(b.indexBytes()).missing()).isEmpty();
            ImageView view = f.images().publish(builderManifest("phone", "1.0", b), ADMIN);
            assertThat(view.serial()).isEqualTo(1);
            assertThat(view.digest()).isEqualTo(b.digest());

            String token = f.images().manifest("phone", "1.0", false).orElseThrow();
            ImageManifest signed = CompactJws.verifyJson(token, ImageManifest.TOKEN_TYPE, f.keys().imagePublicKey(), ImageManifest.class);
            assertThat(signed.digest()).isEqualTo(b.digest());
            assertThat(signed.size()).isEqualTo(b.payload().length);
            assertThat(signed.indexDigest()).isEqualTo(sha256(b.indexBytes()));
            assertThat(signed.rollback()).isFalse();

            assertThatThrownBy(() -> f.images().publish(builderManifest("phone", "1.0", b), ADMIN))
                    .isInstanceOf(ProblemException.class).hasMessageContaining("published already");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void refusesChunksThatAreNotWhatTheirIdSaysAndManifestsThatLie(TestDatabase.Kind kind) throws Exception {
        try (Fixture f = fixture(kind)) {
            Build b = build(2, 10);
            f.images().uploadIndex(b.indexBytes());
            ChunkId first = b.index().chunks().getFirst().id();
            byte[] other = b.chunks().get(1);
            assertThatThrownBy(() -> f.images().putChunk(first, Zstd.compress(other))).hasMessageContaining("does not have the id");
            assertThatThrownBy(() -> f.images().putChunk(first, "not zstd at all".getBytes())).hasMessageContaining("zstd");
            byte[] bomb = Zstd.compress(new byte[MAX_CHUNK * 64]);
            assertThatThrownBy(() -> f.images().putChunk(first, bomb)).hasMessageContaining("more than " + MAX_CHUNK);
            assertThat(f.store().chunks).isEmpty();

            upload(f.images(), b);
            Build lie = new Build(new byte[b.payload().length], b.index(), b.indexBytes(), b.chunks());
            assertThatThrownBy(() -> f.images().publish(builderManifest("phone", "1.0", lie), ADMIN)).hasMessageContaining("digest");
            assertThatThrownBy(() -> f.images().publish("garbage", ADMIN)).hasMessageContaining("not an image manifest");
            assertThatThrownBy(() -> f.images().uploadIndex(new byte[35])).hasMessageContaining("not a valid .caibx index");
            assertThat(f.images().list()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void promotingAnOlderVersionGivesDevicesASignedRollbackAndVersionsInUseStay(TestDatabase.Kind kind) throws Exception {
        try (Fixture f = fixture(kind)) {
            Build v1 = build(3, 12);
            Build v2 = build(4, 12);
            upload(f.images(), v1);
            f.images().publish(builderManifest("phone", "1.0", v1), ADMIN);
            upload(f.images(), v2);
            f.images().publish(builderManifest("phone", "2.0", v2), ADMIN);
            f.groups().create("sales", null, "phone", "2.0", ADMIN);
            assertThatThrownBy(() -> f.groups().update("sales", new GroupService.Update(null, "phone", "9.9"), ADMIN))
                    .hasMessageContaining("not published");

            f.groups().update("sales", new GroupService.Update(null, "phone", "1.0"), ADMIN);
            String rollback = f.images().manifest("phone", "1.0", true).orElseThrow();
            ImageManifest m = CompactJws.verifyJson(rollback, ImageManifest.TOKEN_TYPE, f.keys().imagePublicKey(), ImageManifest.class);
            assertThat(m.rollback()).isTrue();
            assertThat(m.serial()).isEqualTo(1);

            assertThatThrownBy(() -> f.images().delete("phone", "1.0", ADMIN)).hasMessageContaining("in use by sales");
            f.images().delete("phone", "2.0", ADMIN);
            assertThat(f.images().list()).extracting(ImageView::version).containsExactly("1.0");
        }
    }

    /**
     * Garbage collection against an upload and publish that reuse chunks which, when the
     * collection started, no version referenced. The collection is held just after it listed the
     * indexes it keeps; meanwhile an admin uploads and publishes a version made of those chunks.
     * The upload must wait for the collection (or, were it let through, the collection would
     * delete chunks the new version needs); the test lets the collection go as soon as the upload
     * is parked on a lock, or has finished.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void garbageCollectionNeverDeletesAChunkOfAVersionUploadedAndPublishedWhileItRuns(TestDatabase.Kind kind) throws Exception {
        TestDatabase db = TestDatabase.create(kind, temp);
        Database database = db.open();
        try {
            Path root = temp.resolve("images-race-" + kind);
            DirectoryChunkStore store = new DirectoryChunkStore(root.resolve("store"), new ChunkerParams(64, 1024, MAX_CHUNK), 1);
            CountDownLatch gcListed = new CountDownLatch(1);
            CountDownLatch gcGo = new CountDownLatch(1);
            AtomicReference<Thread> gcThread = new AtomicReference<>();
            IndexDecoder decoder = bytes -> {
                if (Thread.currentThread() == gcThread.get() && gcListed.getCount() > 0) {
                    gcListed.countDown();
                    try {
                        gcGo.await();
                    } catch (InterruptedException e) {
                        throw new IOException("interrupted", e);
                    }
                }
                return decode(bytes);
            };
            MutableClock clock = MutableClock.startingNow();
            ImageRepository images = new ImageRepository(database.jdbi(), clock, new AuditLog(database.jdbi(), clock),
                    ServerKeyring.loadOrCreate(temp.resolve("keys-race-" + kind)), root, store, decoder, MAX_CHUNK);

            Build kept = build(10, 5);
            upload(images, kept);
            images.publish(builderManifest("kept", "1.0", kept), ADMIN);
            Build reused = build(11, 30);
            upload(images, reused);
            images.publish(builderManifest("phone", "1.0", reused), ADMIN);
            images.delete("phone", "1.0", ADMIN); // its chunks are garbage now, and still in the store
            for (ChunkRef c : reused.index().chunks()) {
                assertThat(store.contains(c.id())).isTrue();
            }

            AtomicReference<Throwable> gcFailure = new AtomicReference<>();
            Thread gc = Thread.ofPlatform().unstarted(() -> {
                try {
                    images.collectGarbage(ADMIN);
                } catch (Throwable t) {
                    gcFailure.set(t);
                }
            });
            gcThread.set(gc);
            gc.start();
            assertThat(gcListed.await(1, TimeUnit.MINUTES)).as("the collection reached its index scan").isTrue();

            AtomicReference<Throwable> adminFailure = new AtomicReference<>();
            Thread admin = Thread.ofPlatform().start(() -> {
                try {
                    upload(images, reused);
                    images.publish(builderManifest("phone", "2.0", reused), ADMIN);
                } catch (Throwable t) {
                    adminFailure.set(t);
                }
            });
            // Either the upload is held by a lock (as it must be) or it ran through while the collection was held.
            while (admin.isAlive() && !heldByALock(admin)) {
                Thread.onSpinWait();
            }
            gcGo.countDown();
            gc.join(Duration.ofMinutes(1));
            admin.join(Duration.ofMinutes(1));
            assertThat(gc.isAlive() || admin.isAlive()).as("both finished").isFalse();
            assertThat(gcFailure.get()).isNull();
            assertThat(adminFailure.get()).isNull();

            assertThat(images.get("phone", "2.0").chunks()).isEqualTo(30);
            for (ChunkRef c : reused.index().chunks()) {
                assertThat(store.read(c.id())).as("chunk %s of the version published during the collection", c.id()).hasSize(c.length());
            }
            for (ChunkRef c : kept.index().chunks()) {
                assertThat(store.contains(c.id())).isTrue();
            }
        } finally {
            database.close();
            db.close();
        }
    }

    /** Whether {@code thread} is parked on a java.util.concurrent lock (whose synchronizers come in int and long forms). */
    private static boolean heldByALock(Thread thread) {
        Object blocker = LockSupport.getBlocker(thread);
        return blocker instanceof AbstractQueuedSynchronizer || blocker instanceof AbstractQueuedLongSynchronizer;
    }
}
