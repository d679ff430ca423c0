package org.workcell.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workcell.core.crypto.Ed25519;

/** Workcell images against the real casync: each side reads what the other wrote. */
class CasyncInteropTest {
    private static final KeyPair KEY = Ed25519.generate();

    @TempDir
    Path dir;

    @Test
    void casyncExtractsAWorkcellImageToThePayload() throws Exception {
        Path tree = BuildTrees.make(dir.resolve("tree"), 21, 150);
        Path store = dir.resolve("store");
        ImageBuilder.Result result = ImageBuilder.build(tree, "workcell-phone", "2.0", 3, new DirectoryChunkStore(store), KEY,
                Progress.Listener.NONE);
        result.writeTo(dir.resolve("out"));

        Casync.run(dir, "extract", "--store=store", "out/index.caibx", "extracted.zip");

        byte[] extracted = Files.readAllBytes(dir.resolve("extracted.zip"));
        ImageReader.assemble(result.manifest(), result.index(), new DirectoryChunkStore(store), dir.resolve("ours.zip"),
                Progress.Listener.NONE);
        assertThat(extracted).isEqualTo(Files.readAllBytes(dir.resolve("ours.zip")));
        assertThat(HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(extracted)))
                .isEqualTo(result.manifest().digest());
    }

    @Test
    void casyncExtractsWithOtherChunkSizesToo() throws Exception {
        ChunkerParams params = new ChunkerParams(4096, 16 * 1024, 64 * 1024);
        Path tree = BuildTrees.make(dir.resolve("tree"), 22, 60);
        Path store = dir.resolve("store");
        ImageBuilder.Result result = ImageBuilder.build(tree, "p", "1", 1, new DirectoryChunkStore(store, params, 1), KEY,
                Progress.Listener.NONE, new ImageBuilder.Options(params, 2, java.time.Clock.systemUTC()));
        result.writeTo(dir.resolve("out"));

        Casync.run(dir, "extract", "--store=store", "out/index.caibx", "extracted.zip");

        assertThat(Files.size(dir.resolve("extracted.zip"))).isEqualTo(result.manifest().size());
        assertThat(HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(dir.resolve("extracted.zip"))))).isEqualTo(result.manifest().digest());
    }

    @Test
    void workcellAssemblesWhatCasyncMade() throws Exception {
        byte[] blob = new byte[5 << 20];
        Random random = new Random(23);
        random.nextBytes(blob);
        for (int i = 1 << 20; i < 3 << 20; i++) {
            blob[i] = (byte) "work phone \n".charAt(random.nextInt(12)); // a compressible stretch
        }
        Files.write(dir.resolve("blob"), blob);
        Casync.run(dir, "make", "--digest=sha256", "--store=store", "blob.caibx", "blob");

        ImageIndex index = CaibxFormat.read(dir.resolve("blob.caibx"));
        String digest = ImageReader.assemble(index, new DirectoryChunkStore(dir.resolve("store")), dir.resolve("assembled"),
                Progress.Listener.NONE);

        assertThat(Files.readAllBytes(dir.resolve("assembled"))).isEqualTo(blob);
        assertThat(digest).isEqualTo(HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(blob)));
    }
}
