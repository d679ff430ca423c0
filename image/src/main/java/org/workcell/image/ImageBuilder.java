package org.workcell.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.workcell.core.crypto.Ed25519;
import org.workcell.core.jws.CompactJws;
import org.workcell.image.internal.ChunkUploader;
import org.workcell.image.internal.ChunkingOutputStream;
import org.workcell.image.internal.FastCdc;
import org.workcell.image.internal.ImageTree;
import org.workcell.image.internal.PayloadWriter;
import org.workcell.image.internal.ProgressMeter;
import org.workcell.image.internal.Sha256;

/**
 * Builds an image from a folder: the folder becomes a zip payload of stored entries (see
 * {@code phone.json} below for what the root must hold), the payload is cut into content-defined
 * chunks (FastCDC), each chunk is stored zstd-compressed under its SHA-256, and a manifest over
 * the payload's digest and its casync index is signed with the image key.
 *
 * <p>The same tree always gives the same payload, chunks and index bytes; only the manifest's
 * {@code createdAt} and signature differ between builds. Every file of at least the minimum chunk
 * size starts a new chunk, so an edit to one file changes that file's chunks, the chunk with its
 * central directory record, and little else; smaller files share chunks, cut by content.
 *
 * <p>{@code phone.json} at the root of the tree describes the phone:
 * <pre>
 * {"display": {"width": 1080, "height": 2400, "density": 420},
 *  "osBuild": "workcell-phone 0.1.0 (42)",
 *  "defaultApps": ["org.workcell.mail"]}
 * </pre>
 * All three fields are required and no others are allowed; width and height 1 to 16384 pixels,
 * density 1 to 2000 dpi, osBuild 1 to 200 characters, defaultApps distinct package ids such as
 * {@code com.example.notes} (or empty).
 *
 * <p>The tree may hold only regular files and folders: symbolic links (even ones inside the tree),
 * devices, pipes and sockets are refused, as are names with backslashes or control characters.
 * A build that fails leaves no index or manifest; chunks it stored before failing stay in the
 * store, where they are harmless (content-addressed, and unreferenced until an index names them).
 */
public final class ImageBuilder {
    public static final String PHONE_JSON = PhoneSpec.FILE_NAME;
    public static final String INDEX_FILE = "index.caibx";
    public static final String MANIFEST_FILE = "manifest.jws";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}");

    /**
     * How to build. {@code threads} hash, compress and store chunks while the calling thread reads
     * and cuts; {@code clock} gives the manifest's {@code createdAt}.
     */
    public record Options(ChunkerParams params, int threads, Clock clock) {
        public static final Options DEFAULT = new Options(ChunkerParams.DEFAULT, Runtime.getRuntime().availableProcessors(), Clock.systemUTC());

        public Options {
            Objects.requireNonNull(params, "params");
            Objects.requireNonNull(clock, "clock");
            if (threads < 1 || threads > 256) {
                throw new IllegalArgumentException("threads must be 1 to 256");
            }
        }
    }

    /** A built image: its manifest, signed and not, and its index, parsed and as the bytes of a .caibx file. */
    public record Result(ImageManifest manifest, String manifestToken, ImageIndex index, byte[] indexBytes) {
        public Result {
            indexBytes = indexBytes.clone();
        }

        @Override
        public byte[] indexBytes() {
            return indexBytes.clone();
        }

        /**
         * Writes {@value #INDEX_FILE} and {@value #MANIFEST_FILE} into {@code folder} (made if
         * missing), each through a temporary file and a rename, the manifest last.
         */
        public void writeTo(Path folder) throws IOException {
            Files.createDirectories(folder);
            writeAtomically(folder.resolve(INDEX_FILE), indexBytes);
            writeAtomically(folder.resolve(MANIFEST_FILE), manifestToken.getBytes(StandardCharsets.US_ASCII));
        }
    }

    private ImageBuilder() {}

    /** Builds with {@link Options#DEFAULT}. */
    public static Result build(Path tree, String name, String version, long serial, ChunkStore store, KeyPair imageKey,
            Progress.Listener listener) throws IOException {
        return build(tree, name, version, serial, store, imageKey, listener, Options.DEFAULT);
    }

    /**
     * Builds the image of {@code tree}, named {@code name@version}, storing its chunks in
     * {@code store} and signing its manifest with {@code imageKey} (Ed25519). Invalid arguments are
     * IllegalArgumentExceptions; a tree that cannot be read or holds what an image may not is an
     * IOException saying which file and why.
     */
    public static Result build(Path tree, String name, String version, long serial, ChunkStore store, KeyPair imageKey,
            Progress.Listener listener, Options options) throws IOException {
        checkName(name);
        checkVersion(version);
        if (serial < 0) {
            throw new IllegalArgumentException("serial must not be negative");
        }
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(listener, "listener");
        String keyId = Ed25519.keyId(imageKey.getPublic()); // also refuses a key that is not Ed25519
        Ed25519.sign(imageKey.getPrivate(), new byte[0]); // fail before the long work, not after it, on a bad private key

        PhoneSpec phone = PhoneSpec.read(tree);
        List<ImageTree.Entry> entries = ImageTree.scan(tree);
        ChunkerParams params = options.params();
        FastCdc chunker = new FastCdc(params);
        ProgressMeter progress = new ProgressMeter("build", PayloadWriter.estimateSize(entries), listener);

        byte[] payloadDigest;
        long size;
        List<ChunkRef> chunks;
        try (ChunkUploader uploader = new ChunkUploader(store, options.threads(), params.max())) {
            ChunkingOutputStream payload = new ChunkingOutputStream(chunker, uploader);
            new PayloadWriter(payload, params.min(), progress).write(entries);
            payloadDigest = payload.finish();
            size = payload.position();
            chunks = uploader.finish();
        }
        progress.finish(size);

        ImageIndex index = new ImageIndex(params, chunks);
        byte[] indexBytes = CaibxFormat.write(index);
        ImageManifest manifest = new ImageManifest(
                name + "@" + version, name, version, serial, size,
                HexFormat.of().formatHex(payloadDigest), Sha256.hex(indexBytes), chunks.size(),
                phone.display(), phone.osBuild(), phone.defaultApps(),
                options.clock().instant().truncatedTo(ChronoUnit.SECONDS), false);
        String token = CompactJws.signJson(ImageManifest.TOKEN_TYPE, keyId, manifest, imageKey.getPrivate());
        return new Result(manifest, token, index, indexBytes);
    }

    static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("image name must be 1-100 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }

    static String checkVersion(String version) {
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("image version must be 1-64 characters of letters, digits, '.', '+', '_' or '-', starting with a letter or digit");
        }
        return version;
    }

    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path temporary = target.resolveSibling("." + target.getFileName() + "."
                + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            Files.write(temporary, bytes, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
