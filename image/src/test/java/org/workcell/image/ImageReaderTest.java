package org.workcell.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workcell.core.crypto.Ed25519;
import org.workcell.core.jws.CompactJws;
import org.workcell.core.jws.JwsException;

class ImageReaderTest {
    private static final KeyPair KEY = Ed25519.generate();

    @TempDir
    Path dir;

    private Path storeDir;
    private DirectoryChunkStore store;
    private ImageBuilder.Result image;

    @BeforeEach
    void build() throws IOException {
        storeDir = dir.resolve("store");
        store = new DirectoryChunkStore(storeDir);
        image = ImageBuilder.build(BuildTrees.make(dir.resolve("tree"), 31, 60), "p", "1.0", 2, store, KEY, Progress.Listener.NONE);
    }

    private void assertNothingAt(Path out) throws IOException {
        assertThat(out).doesNotExist();
        try (var listing = Files.list(out.getParent())) {
            assertThat(listing.filter(p -> p.getFileName().toString().contains(out.getFileName().toString()))).isEmpty();
        }
    }

    @Test
    void assemblesAndReturnsTheDigest() throws IOException {
        Path out = dir.resolve("payload.zip");
        String digest = ImageReader.assemble(image.index(), store, out, Progress.Listener.NONE);
        assertThat(digest).isEqualTo(image.manifest().digest());
        assertThat(Files.size(out)).isEqualTo(image.manifest().size());
    }

    @Test
    void aMissingChunkFailsAndLeavesNothing() throws IOException {
        ChunkRef victim = image.index().chunks().get(image.index().chunks().size() / 2);
        Files.delete(store.pathOf(victim.id()));
        Path out = dir.resolve("payload.zip");

        assertThatThrownBy(() -> ImageReader.assemble(image.manifest(), image.index(), store, out, Progress.Listener.NONE))
                .isInstanceOf(IOException.class).hasMessageContaining(victim.id().hex());
        assertNothingAt(out);
    }

    @Test
    void aDamagedChunkFailsAndLeavesNothing() throws IOException {
        ChunkRef victim = image.index().chunks().getLast();
        Path file = store.pathOf(victim.id());
        byte[] frame = Files.readAllBytes(file);
        frame[frame.length / 2] ^= 0x40;
        Files.write(file, frame);
        Path out = dir.resolve("payload.zip");

        assertThatThrownBy(() -> ImageReader.assemble(image.manifest(), image.index(), store, out, Progress.Listener.NONE))
                .isInstanceOf(IOException.class).hasMessageContaining(victim.id().hex());
        assertNothingAt(out);
    }

    @Test
    void aPayloadThatIsNotTheManifestsFailsAndLeavesNothing() throws IOException {
        ImageManifest m = image.manifest();
        ImageManifest other = new ImageManifest(m.imageId(), m.name(), m.version(), m.serial(), m.size(), "0".repeat(64),
                m.indexDigest(), m.chunks(), m.display(), m.osBuild(), m.defaultApps(), m.createdAt(), false);
        Path out = dir.resolve("payload.zip");

        assertThatThrownBy(() -> ImageReader.assemble(other, image.index(), store, out, Progress.Listener.NONE))
                .isInstanceOf(IOException.class).hasMessageContaining("SHA-256");
        assertNothingAt(out);
    }

    @Test
    void aChunkOfTheWrongLengthFails() throws IOException {
        // An index that names a real chunk with another length: the store's bytes check out, the index does not.
        ChunkRef first = image.index().chunks().getFirst();
        ImageIndex lying = new ImageIndex(image.index().params(), List.of(new ChunkRef(0, first.length() + 1, first.id())));
        Path out = dir.resolve("lying.zip");

        assertThatThrownBy(() -> ImageReader.assemble(lying, store, out, Progress.Listener.NONE))
                .isInstanceOf(IOException.class).hasMessageContaining("the index says");
        assertNothingAt(out);
    }

    @Test
    void readIndexChecksTheIndexAgainstTheManifest() throws IOException {
        assertThat(ImageReader.readIndex(image.indexBytes(), image.manifest())).isEqualTo(image.index());

        byte[] other = CaibxFormat.write(new ImageIndex(ChunkerParams.DEFAULT, image.index().chunks().subList(0, 1)));
        assertThatThrownBy(() -> ImageReader.readIndex(other, image.manifest())).isInstanceOf(IOException.class)
                .hasMessageContaining("does not match");
    }

    @Test
    void manifestsThatAreSignedButMalformedAreRefused() {
        ImageManifest m = image.manifest();
        List<ImageManifest> bad = List.of(
                new ImageManifest("q@1.0", m.name(), m.version(), m.serial(), m.size(), m.digest(), m.indexDigest(), m.chunks(),
                        m.display(), m.osBuild(), m.defaultApps(), m.createdAt(), false),
                new ImageManifest(m.imageId(), m.name(), m.version(), m.serial(), m.size(), "XYZ", m.indexDigest(), m.chunks(),
                        m.display(), m.osBuild(), m.defaultApps(), m.createdAt(), false),
                new ImageManifest(m.imageId(), m.name(), m.version(), m.serial(), -1, m.digest(), m.indexDigest(), m.chunks(),
                        m.display(), m.osBuild(), m.defaultApps(), m.createdAt(), false),
                new ImageManifest(m.imageId(), m.name(), m.version(), m.serial(), m.size(), m.digest(), m.indexDigest(), m.chunks(),
                        null, m.osBuild(), m.defaultApps(), m.createdAt(), false),
                new ImageManifest("P@1.0", "P", m.version(), m.serial(), m.size(), m.digest(), m.indexDigest(), m.chunks(),
                        m.display(), m.osBuild(), m.defaultApps(), Instant.EPOCH, false));
        String kid = Ed25519.keyId(KEY.getPublic());
        for (ImageManifest manifest : bad) {
            String token = CompactJws.signJson(ImageManifest.TOKEN_TYPE, kid, manifest, KEY.getPrivate());
            assertThatThrownBy(() -> ImageReader.verifyManifest(token, KEY.getPublic())).as(manifest.toString())
                    .isInstanceOf(JwsException.class);
        }
        // A token of another type, however well signed, is not a manifest.
        String lease = CompactJws.signJson("workcell-lease+jws", kid, m, KEY.getPrivate());
        assertThatThrownBy(() -> ImageReader.verifyManifest(lease, KEY.getPublic())).isInstanceOf(JwsException.class);
    }
}
