package org.workcell.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.workcell.image.FetchFixtures.DECODER;
import static org.workcell.image.FetchFixtures.image;

import com.github.luben.zstd.Zstd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chunk files that are not the chunks they claim to be: refused, named, and nothing installed. */
class FetchIntegrityTest {
    @TempDir
    Path temp;

    private FetchFixtures.TestImage image;
    private Path store;
    private Path target;
    private ChunkRef victim;

    private void publish() throws Exception {
        store = Files.createDirectories(temp.resolve("store"));
        image = image(31, 60_000, 4096, 1).publish(store);
        target = temp.resolve("payload.img");
        Files.writeString(target, "the old image");
        victim = image.index().chunks().get(5);
    }

    private void assertRefusedNamingTheVictim(String why) throws Exception {
        try (ImageFetcher fetcher = new ImageFetcher(FetchSource.directory(store), DECODER, FetchFixtures.fastOptions())) {
            assertThatThrownBy(() -> fetcher.fetch(image.request(target)))
                    .isInstanceOfSatisfying(ImageFetchException.class, e -> {
                        assertThat(e.reason()).isEqualTo(ImageFetchException.Reason.CHUNK_CORRUPT);
                        assertThat(e.chunk()).isEqualTo(victim.id());
                    })
                    .hasMessageContaining(victim.id().hex())
                    .hasMessageContaining(why);
        }
        assertThat(target).hasContent("the old image");
    }

    @Test
    void aChunkFileWithChangedBytesIsRefused() throws Exception {
        publish();
        Path file = store.resolve(victim.id().storePath());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 5] ^= 0x01;
        Files.write(file, bytes);

        try (ImageFetcher fetcher = new ImageFetcher(FetchSource.directory(store), DECODER, FetchFixtures.fastOptions())) {
            assertThatThrownBy(() -> fetcher.fetch(image.request(target)))
                    .isInstanceOfSatisfying(ImageFetchException.class, e -> {
                        assertThat(e.reason()).isEqualTo(ImageFetchException.Reason.CHUNK_CORRUPT);
                        assertThat(e.chunk()).isEqualTo(victim.id());
                    })
                    .hasMessageContaining(victim.id().hex());
        }
        assertThat(target).hasContent("the old image");
    }

    @Test
    void aChunkFileWithOtherContentOfTheRightLengthIsRefused() throws Exception {
        publish();
        byte[] other = Arrays.copyOf(image.payload(), victim.length()); // another chunk's bytes
        Files.write(store.resolve(victim.id().storePath()), Zstd.compress(other, 3));

        assertRefusedNamingTheVictim("does not hash to its id");
    }

    @Test
    void aChunkFileThatDecompressesTooShortIsRefused() throws Exception {
        publish();
        byte[] real = Arrays.copyOfRange(image.payload(), (int) victim.offset(), (int) victim.end());
        Files.write(store.resolve(victim.id().storePath()), Zstd.compress(Arrays.copyOf(real, real.length - 1), 3));

        assertRefusedNamingTheVictim("decompresses to " + (victim.length() - 1) + " bytes instead of " + victim.length());
    }

    @Test
    void aChunkFileThatDecompressesTooLongIsRefusedWithoutInflatingIt() throws Exception {
        publish();
        // A few hundred bytes that would inflate to 64 MiB: the decoder stops one byte past the chunk's length.
        Files.write(store.resolve(victim.id().storePath()), Zstd.compress(new byte[64 << 20], 19));

        assertRefusedNamingTheVictim("decompresses to more than its " + victim.length() + " bytes");
    }

    @Test
    void aFileThatIsNotZstdIsRefused() throws Exception {
        publish();
        Files.write(store.resolve(victim.id().storePath()), "<html>not found</html>".getBytes());

        assertRefusedNamingTheVictim("is not a zstd chunk file");
    }

    @Test
    void aChunkFileLargerThanAnyChunkCouldBeIsRefused() throws Exception {
        publish();
        byte[] huge = new byte[FetchFixtures.PARAMS.max() * 2];
        new java.util.Random(1).nextBytes(huge);
        Files.write(store.resolve(victim.id().storePath()), huge);

        assertRefusedNamingTheVictim("more than the");
    }

    @Test
    void aFetchWithOneBadChunkLeavesNoInstalledFileWhenThereWasNone() throws Exception {
        publish();
        Files.delete(target);
        Files.write(store.resolve(victim.id().storePath()), Zstd.compress(new byte[victim.length()], 3));

        try (ImageFetcher fetcher = new ImageFetcher(FetchSource.directory(store), DECODER, FetchFixtures.fastOptions())) {
            assertThatThrownBy(() -> fetcher.fetch(image.request(target))).isInstanceOf(ImageFetchException.class);
        }
        assertThat(target).doesNotExist();
    }

    @Test
    void aPayloadThatDoesNotMatchTheManifestDigestIsNotInstalled() throws Exception {
        publish();
        ImageManifest m = image.manifest();
        ImageManifest wrongDigest = new ImageManifest(m.imageId(), m.name(), m.version(), m.serial(), m.size(), "0".repeat(64), m.indexDigest(),
                m.chunks(), m.display(), m.osBuild(), m.defaultApps(), m.createdAt(), m.rollback());

        try (ImageFetcher fetcher = new ImageFetcher(FetchSource.directory(store), DECODER, FetchFixtures.fastOptions())) {
            assertThatThrownBy(() -> fetcher.fetch(image.withManifest(wrongDigest).request(target)))
                    .isInstanceOfSatisfying(ImageFetchException.class, e -> assertThat(e.reason()).isEqualTo(ImageFetchException.Reason.DIGEST_MISMATCH))
                    .hasMessageContaining(FetchFixtures.sha256(image.payload()));
        }
        assertThat(target).hasContent("the old image");
        assertThat(temp.resolve("payload.img.partial")).doesNotExist();
        assertThat(temp.resolve("payload.img.partial.state")).doesNotExist();
    }
}
