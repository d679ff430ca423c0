package org.workcell.cli.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.workcell.cli.CliException;
import org.workcell.cli.Output;
import org.workcell.core.crypto.KeyFiles;
import org.workcell.core.jws.CompactJws;
import org.workcell.core.jws.JwsException;
import org.workcell.image.ChunkId;
import org.workcell.image.ChunkRef;
import org.workcell.image.DirectoryChunkStore;
import org.workcell.image.ImageBuilder;
import org.workcell.image.ImageIndex;
import org.workcell.image.ImageManifest;
import org.workcell.image.ImageReader;
import org.workcell.image.ImageZip;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "image", mixinStandardHelpOptions = true,
        description = {"Virtual phone images: a signed manifest over content-defined chunks in a casync-compatible store.",
                "A build folder holds index.caibx and manifest.jws; its chunks are in the store (STORE/xxxx/<id>.cacnk)."},
        subcommands = {ImageCommand.Build.class, ImageCommand.Verify.class, ImageCommand.Diff.class, ImageCommand.Export.class,
                ImageCommand.Import.class})
public final class ImageCommand {

    abstract static class Action implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print one JSON document.")
        boolean json;

        @Override
        public final Integer call() throws Exception {
            try {
                run();
            } catch (NoSuchFileException e) {
                throw new CliException(e.getFile() + " does not exist");
            } catch (IOException e) {
                throw new CliException(e.getMessage() != null ? e.getMessage() : e.toString());
            }
            return 0;
        }

        abstract void run() throws IOException;

        void print(Map<String, Object> result, String text) {
            if (json) {
                Output.json(spec.commandLine().getOut(), result);
            } else {
                spec.commandLine().getOut().println(text);
                spec.commandLine().getOut().flush();
            }
        }

        ProgressBar progress() {
            return new ProgressBar(System.err, !json && System.console() != null);
        }
    }

    /** A build folder: the signed manifest and the index. */
    record BuildFolder(ImageManifest manifest, String token, ImageIndex index) {
        static BuildFolder read(Path folder) throws IOException {
            String token = Files.readString(folder.resolve(ImageBuilder.MANIFEST_FILE), StandardCharsets.US_ASCII).trim();
            ImageManifest manifest;
            try {
                manifest = CompactJws.readPayload(CompactJws.parse(token, ImageManifest.TOKEN_TYPE).payload(), ImageManifest.class);
            } catch (JwsException e) {
                throw new IOException(folder.resolve(ImageBuilder.MANIFEST_FILE) + " is not an image manifest: " + e.getMessage());
            }
            ImageIndex index = ImageReader.readIndex(Files.readAllBytes(folder.resolve(ImageBuilder.INDEX_FILE)), manifest);
            return new BuildFolder(manifest, token, index);
        }
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = {"Builds an image from a tree (with phone.json at its root) into a chunk store.",
                    "The same tree always gives the same index; unchanged files reuse their chunks."})
    static final class Build extends Action {
        @Parameters(index = "0", paramLabel = "TREE", description = "The image tree.")
        Path tree;

        @Option(names = "--name", required = true, description = "Image name, e.g. workcell-phone.")
        String name;

        @Option(names = "--version", required = true, description = "Image version, e.g. 1.2.0.")
        String version;

        @Option(names = "--store", required = true, description = "The chunk store to write chunks to (made if missing).")
        Path store;

        @Option(names = "--out", description = "Where to write index.caibx and manifest.jws (default: ./NAME-VERSION).")
        Path out;

        @Option(names = "--key", description = {"Ed25519 key file to sign the manifest with (e.g. a server's DATA/keys/image-signing.pem).",
                "Default: a build key in the user's config folder, made on first use; a server re-signs what it publishes."})
        Path key;

        @Override
        void run() throws IOException {
            Path folder = out != null ? out : Path.of(name + "-" + version);
            KeyPair signer = KeyFiles.loadOrCreate(key != null ? key : defaultBuildKey());
            long start = System.nanoTime();
            ImageBuilder.Result result;
            try {
                result = ImageBuilder.build(tree, name, version, 0, new DirectoryChunkStore(store), signer, progress());
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            result.writeTo(folder);
            ImageManifest m = result.manifest();
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("manifest", m);
            doc.put("build", folder.toString());
            doc.put("store", store.toString());
            doc.put("seconds", Math.round(seconds * 1000) / 1000.0);
            doc.put("MBps", Math.round(m.size() / 1e6 / seconds * 10) / 10.0);
            print(doc, String.format(java.util.Locale.ROOT, "Built %s %s: %,d bytes in %d chunks (%.1f MB/s). Wrote %s; publish it with: "
                    + "workcell admin image push %s --store %s", m.name(), m.version(), m.size(), m.chunks(), m.size() / 1e6 / seconds,
                    folder, folder, store));
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Checks a build: the manifest's signature (with --key), the index against it, every chunk, and the payload digest.")
    static final class Verify extends Action {
        @Parameters(index = "0", paramLabel = "BUILD")
        Path build;

        @Option(names = "--store", required = true)
        Path store;

        @Option(names = "--key", description = "A key file holding the public key the manifest must be signed with.")
        Path key;

        @Override
        void run() throws IOException {
            BuildFolder b = BuildFolder.read(build);
            boolean signatureChecked = false;
            if (key != null) {
                PublicKey pub = KeyFiles.load(key).getPublic();
                try {
                    ImageReader.verifyManifest(b.token(), pub);
                    signatureChecked = true;
                } catch (JwsException e) {
                    throw new CliException("the manifest is not signed by the key in " + key + ": " + e.getMessage());
                }
            }
            Path scratch = Files.createTempFile("workcell-verify", ".payload");
            try {
                ImageReader.assemble(b.manifest(), b.index(), new DirectoryChunkStore(store), scratch, progress());
            } finally {
                Files.deleteIfExists(scratch);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("ok", true);
            doc.put("image", b.manifest().imageId());
            doc.put("chunks", b.index().chunks().size());
            doc.put("size", b.manifest().size());
            doc.put("signatureChecked", signatureChecked);
            print(doc, "OK: " + b.manifest().imageId() + ", " + b.index().chunks().size() + " chunks intact, payload digest matches"
                    + (signatureChecked ? ", signature valid." : " (signature not checked: pass --key)."));
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "What an update from build A to build B transfers: the chunks B has that A lacks, as stored (compressed).")
    static final class Diff extends Action {
        @Parameters(index = "0", paramLabel = "A")
        Path a;

        @Parameters(index = "1", paramLabel = "B")
        Path b;

        @Option(names = "--store", required = true, description = "The store holding B's chunks.")
        Path store;

        @Override
        void run() throws IOException {
            ImageIndex from = BuildFolder.read(a).index();
            ImageIndex to = BuildFolder.read(b).index();
            Set<ChunkId> have = new HashSet<>();
            from.chunks().forEach(c -> have.add(c.id()));
            DirectoryChunkStore chunks = new DirectoryChunkStore(store);
            Set<ChunkId> needed = new HashSet<>();
            long deltaBytes = 0;
            long rawBytes = 0;
            for (ChunkRef c : to.chunks()) {
                if (!have.contains(c.id()) && needed.add(c.id())) {
                    deltaBytes += Files.size(chunks.pathOf(c.id()));
                    rawBytes += c.length();
                }
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("deltaBytes", deltaBytes);
            doc.put("deltaChunks", needed.size());
            doc.put("deltaUncompressedBytes", rawBytes);
            doc.put("totalChunks", to.chunks().size());
            doc.put("totalBytes", to.size());
            print(doc, String.format(java.util.Locale.ROOT, "An update from A to B transfers %,d bytes in %d of %d chunks (%,d bytes uncompressed).",
                    deltaBytes, needed.size(), to.chunks().size(), rawBytes));
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Writes a build's payload as the plain zip any unzip tool opens (checked chunk by chunk and by digest).")
    static final class Export extends Action {
        @Parameters(index = "0", paramLabel = "BUILD")
        Path build;

        @Option(names = "--store", required = true)
        Path store;

        @Option(names = "--zip", required = true, paramLabel = "FILE", description = "The zip to write.")
        Path zip;

        @Override
        void run() throws IOException {
            BuildFolder b = BuildFolder.read(build);
            // The payload is a zip with stored entries already: exporting it is assembling it, verified.
            ImageReader.assemble(b.manifest(), b.index(), new DirectoryChunkStore(store), zip, progress());
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("zip", zip.toString());
            doc.put("size", b.manifest().size());
            doc.put("digest", b.manifest().digest());
            print(doc, "Wrote " + zip + " (" + b.manifest().size() + " bytes, SHA-256 " + b.manifest().digest() + ").");
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Builds an image from a zip (an exported image, or a tree zipped by anyone): the zip is checked",
                    "and unpacked safely (no paths out of the tree, no links, no zip bombs), then built into the store."})
    static final class Import extends Action {
        @Option(names = "--zip", required = true, paramLabel = "FILE")
        Path zip;

        @Option(names = "--name", required = true)
        String name;

        @Option(names = "--version", required = true)
        String version;

        @Option(names = "--store", required = true)
        Path store;

        @Option(names = "--out", description = "Where to write index.caibx and manifest.jws (default: ./NAME-VERSION).")
        Path out;

        @Option(names = "--key", description = "Ed25519 key file to sign the manifest with (default: the user's build key).")
        Path key;

        @Override
        void run() throws IOException {
            Path work = Files.createTempDirectory("workcell-import");
            Path tree = work.resolve("tree");
            try {
                ImageZip.extract(zip, tree);
                Path folder = out != null ? out : Path.of(name + "-" + version);
                ImageBuilder.Result result;
                try {
                    result = ImageBuilder.build(tree, name, version, 0, new DirectoryChunkStore(store),
                            KeyFiles.loadOrCreate(key != null ? key : defaultBuildKey()), progress());
                } catch (IllegalArgumentException e) {
                    throw new CliException(e.getMessage());
                }
                result.writeTo(folder);
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("manifest", result.manifest());
                doc.put("build", folder.toString());
                print(doc, "Imported " + zip + " as " + name + " " + version + " (" + result.manifest().chunks() + " chunks). Wrote " + folder + ".");
            } finally {
                org.workcell.cli.Folders.deleteTree(work);
            }
        }
    }

    static Path defaultBuildKey() {
        return org.workcell.cli.admin.AdminCredentials.defaultDir().resolve("build-key.pem");
    }
}
