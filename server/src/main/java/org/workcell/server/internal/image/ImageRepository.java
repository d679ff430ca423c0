package org.workcell.server.internal.image;

import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.workcell.core.jws.CompactJws;
import org.workcell.core.jws.JwsException;
import org.workcell.core.problem.ProblemException;
import org.workcell.core.problem.ProblemKind;
import org.workcell.image.ChunkId;
import org.workcell.image.ChunkRef;
import org.workcell.image.ChunkStore;
import org.workcell.image.ImageIndex;
import org.workcell.image.ImageManifest;
import org.workcell.image.IndexDecoder;
import org.workcell.server.internal.audit.AuditLog;
import org.workcell.server.internal.db.Rows;
import org.workcell.server.internal.http.Actor;
import org.workcell.server.internal.keys.ServerKeyring;

/**
 * The image repository: a casync-layout chunk store ({@code DATA/images/store/xxxx/<id>.cacnk})
 * and one index per published version ({@code DATA/images/<name>/<version>/index.caibx}), laid out
 * as they are served, so a copy of the folder on any static file server or object store serves
 * devices too; and a row per version. Publishing checks every byte (all chunks
 * present and intact, payload size and digest) before the server signs the manifest with its
 * image key, so a device is only ever handed complete images. Garbage collection holds the write
 * lock and uploads and publishes the read lock, so it never removes a chunk something is using.
 */
public final class ImageRepository {
    public record Upload(String indexDigest, int chunks, long size, List<String> missing) {}

    public record GcResult(int chunksRemoved, long bytesRemoved, int chunksKept) {}

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}");
    private static final HexFormat HEX = HexFormat.of();

    private final Jdbi jdbi;
    private final Clock clock;
    private final AuditLog audit;
    private final ServerKeyring keys;
    private final ChunkStore store;
    private final IndexDecoder decoder;
    private final Path storeDir;
    private final Path indexDir;
    private final Path uploadDir;
    private final int maxChunkBytes;
    private final ReadWriteLock gcLock = new ReentrantReadWriteLock();

    public ImageRepository(Jdbi jdbi, Clock clock, AuditLog audit, ServerKeyring keys, Path root, ChunkStore store,
                           IndexDecoder decoder, int maxChunkBytes) throws IOException {
        this.jdbi = jdbi;
        this.clock = clock;
        this.audit = audit;
        this.keys = keys;
        this.store = store;
        this.decoder = decoder;
        this.storeDir = Files.createDirectories(root.resolve("store"));
        this.indexDir = root;
        this.uploadDir = Files.createDirectories(root.resolve(".uploads"));
        this.maxChunkBytes = maxChunkBytes;
    }

    /** Keeps an uploaded index (by its digest) and says which of its chunks the store lacks. */
    public Upload uploadIndex(byte[] indexBytes) {
        ImageIndex index = decode(indexBytes);
        String digest = sha256(indexBytes);
        gcLock.readLock().lock();
        try {
            writeAtomically(uploadDir.resolve(digest + ".caibx"), indexBytes);
            List<String> missing = index.chunks().stream().map(ChunkRef::id).distinct()
                    .filter(id -> !contains(id)).map(ChunkId::hex).toList();
            return new Upload(digest, index.chunks().size(), index.size(), missing);
        } catch (IOException e) {
            throw new ProblemException(ProblemKind.UNAVAILABLE, "could not keep the index: " + e.getMessage());
        } finally {
            gcLock.readLock().unlock();
        }
    }

    /** Stores one chunk sent zstd-compressed as casync keeps it; it must decompress within bounds to bytes with this id. */
    public boolean putChunk(ChunkId id, byte[] compressed) {
        byte[] data = decompress(id, compressed);
        if (!ChunkId.hash(data, 0, data.length).equals(id)) {
            throw ProblemException.invalid("chunk", "the chunk's content does not have the id " + id.hex());
        }
        gcLock.readLock().lock();
        try {
            boolean fresh = !store.contains(id);
            if (fresh) {
                store.write(id, data, 0, data.length);
            }
            return fresh;
        } catch (IOException e) {
            throw new ProblemException(ProblemKind.UNAVAILABLE, "could not store chunk " + id.hex() + ": " + e.getMessage());
        } finally {
            gcLock.readLock().unlock();
        }
    }

    /**
     * Publishes the version a builder's manifest describes. Only its name, version, display,
     * OS build and default apps are taken from it; size, digests and chunk count are checked
     * against the uploaded index and the stored chunks, and the server signs its own manifest.
     */
    public ImageView publish(String builderManifest, Actor actor) {
        ImageManifest claimed;
        try {
            // The builder's signature is not what makes an image trusted: the server's is.
            claimed = CompactJws.readPayload(CompactJws.parse(builderManifest, ImageManifest.TOKEN_TYPE).payload(), ImageManifest.class);
        } catch (JwsException e) {
            throw ProblemException.invalid("manifest", "not an image manifest: " + e.getMessage());
        }
        String name = checkName(claimed.name());
        String version = checkVersion(claimed.version());
        if (claimed.indexDigest() == null || !claimed.indexDigest().matches("[0-9a-f]{64}")) {
            throw ProblemException.invalid("manifest.indexDigest", "must be a SHA-256 digest in hex");
        }
        if (claimed.display() == null || claimed.display().width() <= 0 || claimed.display().height() <= 0
                || claimed.display().density() <= 0) {
            throw ProblemException.invalid("manifest.display", "must give a positive width, height and density");
        }
        if (serial(name, version).isPresent()) {
            throw ProblemException.conflict("image " + name + " " + version + " is published already; give the new build a new version");
        }
        gcLock.readLock().lock();
        try {
            Path uploaded = uploadDir.resolve(claimed.indexDigest() + ".caibx");
            if (!Files.exists(uploaded)) {
                throw ProblemException.conflict("upload the index first (no uploaded index has digest " + claimed.indexDigest() + ")");
            }
            byte[] indexBytes = Files.readAllBytes(uploaded);
            ImageIndex index = decode(indexBytes);
            String payloadDigest = payloadDigest(index);
            if (claimed.digest() != null && !claimed.digest().equals(payloadDigest)) {
                throw ProblemException.invalid("manifest.digest", "the stored chunks make a payload with digest " + payloadDigest);
            }
            if (claimed.size() != index.size()) {
                throw ProblemException.invalid("manifest.size", "the index describes " + index.size() + " bytes");
            }
            Instant now = clock.instant();
            ImageView view = jdbi.inTransaction(h -> {
                if (h.createQuery("SELECT COUNT(*) FROM images WHERE name = ? AND version = ?").bind(0, name).bind(1, version)
                        .mapTo(Long.class).one() > 0) {
                    throw ProblemException.conflict("image " + name + " " + version + " is published already; give the new build a new version");
                }
                long serial = h.createQuery("SELECT COALESCE(MAX(serial), 0) + 1 FROM images").mapTo(Long.class).one();
                ImageManifest manifest = new ImageManifest(name + "@" + version, name, version, serial, index.size(), payloadDigest,
                        claimed.indexDigest(), index.chunks().size(), claimed.display(), claimed.osBuild(), claimed.defaultApps(), now, false);
                String token = keys.signImage(ImageManifest.TOKEN_TYPE, manifest);
                h.createUpdate("""
                                INSERT INTO images (name, version, serial, size, digest, index_digest, chunks, manifest, created_at, created_by)
                                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .bind(0, name).bind(1, version).bind(2, serial).bind(3, manifest.size()).bind(4, payloadDigest)
                        .bind(5, manifest.indexDigest()).bind(6, manifest.chunks()).bind(7, token).bind(8, now).bind(9, actor.name())
                        .execute();
                writeAtomically(indexFile(name, version), indexBytes);
                ImageView published = get(h, name, version);
                audit.record(h, actor, "image.publish", "image", name + "@" + version, null, published);
                return published;
            });
            Files.deleteIfExists(uploaded);
            return view;
        } catch (IOException e) {
            throw new ProblemException(ProblemKind.UNAVAILABLE, "the image store failed: " + e.getMessage());
        } finally {
            gcLock.readLock().unlock();
        }
    }

    public List<ImageView> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT name, version FROM images ORDER BY name, serial DESC")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2))).list()
                .stream().map(e -> get(h, e.getKey(), e.getValue())).toList());
    }

    public ImageView get(String name, String version) {
        return jdbi.withHandle(h -> get(h, name, version));
    }

    /** The signed manifest of a version, re-signed with the rollback permission when the group went back to it. */
    public Optional<String> manifest(String name, String version, boolean rollback) {
        Optional<String> token = jdbi.withHandle(h -> h.createQuery("SELECT manifest FROM images WHERE name = ? AND version = ?")
                .bind(0, name).bind(1, version).mapTo(String.class).findOne());
        if (token.isEmpty() || !rollback) {
            return token;
        }
        try {
            ImageManifest m = CompactJws.verifyJson(token.get(), ImageManifest.TOKEN_TYPE, keys.imagePublicKey(), ImageManifest.class);
            return Optional.of(keys.signImage(ImageManifest.TOKEN_TYPE, new ImageManifest(m.imageId(), m.name(), m.version(), m.serial(),
                    m.size(), m.digest(), m.indexDigest(), m.chunks(), m.display(), m.osBuild(), m.defaultApps(), m.createdAt(), true)));
        } catch (JwsException e) {
            throw new IllegalStateException("a stored manifest no longer verifies with the image key", e);
        }
    }

    public Optional<Long> serial(String name, String version) {
        return jdbi.withHandle(h -> h.createQuery("SELECT serial FROM images WHERE name = ? AND version = ?")
                .bind(0, name).bind(1, version).mapTo(Long.class).findOne());
    }

    public void delete(String name, String version, Actor actor) {
        jdbi.useTransaction(h -> {
            ImageView before = get(h, name, version);
            if (!before.groups().isEmpty()) {
                throw ProblemException.conflict("image " + name + " " + version + " is in use by " + String.join(", ", before.groups())
                        + "; point those groups at another version first");
            }
            h.createUpdate("DELETE FROM images WHERE name = ? AND version = ?").bind(0, name).bind(1, version).execute();
            audit.record(h, actor, "image.delete", "image", name + "@" + version, before, null);
        });
        try {
            Files.deleteIfExists(indexFile(name, version));
        } catch (IOException e) {
            throw new ProblemException(ProblemKind.UNAVAILABLE, "the index file could not be removed: " + e.getMessage());
        }
    }

    /** Removes every stored chunk that no published version's index (or pending upload) references. */
    public GcResult collectGarbage(Actor actor) {
        gcLock.writeLock().lock();
        try {
            // An upload never published within a day is abandoned; it stops pinning its chunks.
            try (Stream<Path> uploads = Files.list(uploadDir)) {
                for (Path upload : uploads.toList()) {
                    if (Files.getLastModifiedTime(upload).toInstant().isBefore(clock.instant().minus(java.time.Duration.ofDays(1)))) {
                        Files.deleteIfExists(upload);
                    }
                }
            }
            Set<String> live = new HashSet<>();
            try (Stream<Path> files = Files.walk(indexDir)) { // published indexes, and pending uploads in .uploads
                for (Path file : files.filter(p -> p.toString().endsWith(".caibx")).toList()) {
                    decode(Files.readAllBytes(file)).chunks().forEach(c -> live.add(c.id().hex()));
                }
            }
            int removed = 0;
            int kept = 0;
            long bytes = 0;
            try (Stream<Path> chunks = Files.walk(storeDir)) {
                for (Path chunk : chunks.filter(p -> p.toString().endsWith(".cacnk")).toList()) {
                    String id = chunk.getFileName().toString().replace(".cacnk", "");
                    if (live.contains(id)) {
                        kept++;
                    } else {
                        bytes += Files.size(chunk);
                        Files.delete(chunk);
                        removed++;
                    }
                }
            }
            GcResult result = new GcResult(removed, bytes, kept);
            jdbi.useHandle(h -> audit.record(h, actor, "image.gc", "image-store", "chunks", null, result));
            return result;
        } catch (IOException e) {
            throw new ProblemException(ProblemKind.UNAVAILABLE, "garbage collection failed: " + e.getMessage());
        } finally {
            gcLock.writeLock().unlock();
        }
    }

    /** Where a chunk's file is, for serving it as stored. */
    public Path chunkFile(ChunkId id) {
        return storeDir.resolve(id.storePath());
    }

    public Path indexFile(String name, String version) {
        return indexDir.resolve(checkName(name)).resolve(checkVersion(version)).resolve("index.caibx");
    }

    private ImageView get(org.jdbi.v3.core.Handle h, String name, String version) {
        return h.createQuery("SELECT * FROM images WHERE name = ? AND version = ?").bind(0, name).bind(1, version)
                .map((rs, ctx) -> new ImageView(rs.getString("name"), rs.getString("version"), rs.getLong("serial"), rs.getLong("size"),
                        rs.getString("digest"), rs.getString("index_digest"), rs.getInt("chunks"), Rows.instant(rs, "created_at"),
                        rs.getString("created_by"), h.createQuery("SELECT name FROM business_groups WHERE image_name = ? AND image_version = ? ORDER BY name")
                                .bind(0, name).bind(1, version).mapTo(String.class).list()))
                .findOne()
                .orElseThrow(() -> ProblemException.notFound("image " + name + " " + version));
    }

    private String payloadDigest(ImageIndex index) throws IOException {
        MessageDigest sha = sha();
        for (ChunkRef chunk : index.chunks()) {
            if (!store.contains(chunk.id())) {
                throw ProblemException.conflict("chunk " + chunk.id().hex() + " has not been uploaded");
            }
            byte[] data = store.read(chunk.id());
            if (data.length != chunk.length()) {
                throw ProblemException.invalid("index", "chunk " + chunk.id().hex() + " is " + data.length + " bytes, the index says " + chunk.length());
            }
            sha.update(data);
        }
        return HEX.formatHex(sha.digest());
    }

    private byte[] decompress(ChunkId id, byte[] compressed) {
        try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(compressed))) {
            byte[] data = in.readNBytes(maxChunkBytes + 1);
            if (data.length > maxChunkBytes) {
                throw ProblemException.invalid("chunk", "chunk " + id.hex() + " decompresses to more than " + maxChunkBytes + " bytes");
            }
            return data;
        } catch (IOException e) {
            throw ProblemException.invalid("chunk", "chunk " + id.hex() + " is not a zstd frame: " + e.getMessage());
        }
    }

    private ImageIndex decode(byte[] bytes) {
        try {
            return decoder.decode(bytes);
        } catch (IOException | IllegalArgumentException e) {
            throw ProblemException.invalid("index", "not a valid .caibx index: " + e.getMessage());
        }
    }

    private boolean contains(ChunkId id) {
        try {
            return store.contains(id);
        } catch (IOException e) {
            throw new ProblemException(ProblemKind.UNAVAILABLE, "the chunk store failed: " + e.getMessage());
        }
    }

    private static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ProblemException.invalid("name", "must be 1-100 characters of a-z, 0-9, '.', '_' or '-'");
        }
        if (name.equals("store")) {
            throw ProblemException.invalid("name", "'store' is where the chunks are kept; choose another name");
        }
        return name;
    }

    private static String checkVersion(String version) {
        if (version == null || !VERSION.matcher(version).matches()) {
            throw ProblemException.invalid("version", "must be 1-64 characters of letters, digits, '.', '+', '_' or '-'");
        }
        return version;
    }

    private static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), ".upload", ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String sha256(byte[] bytes) {
        return HEX.formatHex(sha().digest(bytes));
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
