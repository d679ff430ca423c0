package org.workcell.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jetty.http.content.HttpContent;
import org.eclipse.jetty.http.content.ResourceHttpContentFactory;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.workcell.core.crypto.Ed25519;
import org.workcell.image.CaibxFormat;
import org.workcell.image.DirectoryChunkStore;
import org.workcell.image.FetchOptions;
import org.workcell.image.FetchPolicy;
import org.workcell.image.FetchRequest;
import org.workcell.image.FetchResult;
import org.workcell.image.FetchSource;
import org.workcell.image.ImageBuilder;
import org.workcell.image.ImageFetchException;
import org.workcell.image.ImageFetcher;
import org.workcell.image.Progress;

/**
 * Builds, fetches and updates one synthetic image and, in the same run on the same files, does
 * the same with Debian's casync: build throughput, a verified fetch over loopback, and what an
 * update that changes 1% of the image (whole files, spread over the tree) transfers.
 *
 * <p>The fetch runs three times into a fresh target each time. The first, in a JVM that has not
 * fetched before, is {@code fetchColdMBps}: it pays for compiling the client, server and hashing
 * code (in profiles, the JIT took about a third of the CPU of a cold 1 GiB fetch). The second only
 * warms up; the third is {@code fetchMBps}, what a long-running agent or host sees.
 */
public final class ImageBench {
    public record Options(long sizeBytes, Path workDir, String casync, PrintStream progress) {}

    public record Result(long imageBytes, int files, double buildMBps, Double casyncBuildMBps, double fetchMBps, double fetchColdMBps,
                         long changedBytes, long deltaBytes, Long casyncDeltaBytes, int chunks) {}

    private ImageBench() {}

    public static Result run(Options o) throws IOException, InterruptedException {
        Path tree = o.workDir().resolve("tree");
        int files = writeTree(tree, o.sizeBytes(), new Random(42));
        long imageBytes = treeBytes(tree);
        KeyPair key = Ed25519.generate();

        o.progress().printf("building a %.0f MiB image of %d files…%n", imageBytes / 1048576.0, files);
        Path served = o.workDir().resolve("served");
        Path store = served.resolve("store");
        long t0 = System.nanoTime();
        ImageBuilder.Result v1 = ImageBuilder.build(tree, "bench", "1", 1, new DirectoryChunkStore(store), key, Progress.Listener.NONE);
        double buildSeconds = (System.nanoTime() - t0) / 1e9;
        Files.write(served.resolve("index.caibx"), v1.indexBytes());

        Double casyncBuild = null;
        Long casyncDelta = null;
        Path casyncStore = o.workDir().resolve("casync-store");
        if (o.casync() != null) {
            o.progress().println("building the same tree with casync…");
            long c0 = System.nanoTime();
            casync(o.casync(), "make", "--store=" + casyncStore, "--compression=zstd", o.workDir().resolve("v1.caidx").toString(), tree.toString());
            casyncBuild = imageBytes / 1e6 / ((System.nanoTime() - c0) / 1e9);
        }

        o.progress().println("fetching it over loopback, verifying every chunk (cold, warm-up, measured)…");
        double[] fetchMBps = fetch(served, v1, key, o.workDir().resolve("fetched.img"), 3);

        long changed = changeOnePercent(tree, new Random(7));
        o.progress().printf("changed %.1f MiB in whole files across the tree; rebuilding…%n", changed / 1048576.0);
        Map<String, Long> before = chunkFiles(store);
        ImageBuilder.build(tree, "bench", "2", 2, new DirectoryChunkStore(store), key, Progress.Listener.NONE);
        long delta = added(before, chunkFiles(store));
        if (o.casync() != null) {
            Map<String, Long> casyncBefore = chunkFiles(casyncStore);
            casync(o.casync(), "make", "--store=" + casyncStore, "--compression=zstd", o.workDir().resolve("v2.caidx").toString(), tree.toString());
            casyncDelta = added(casyncBefore, chunkFiles(casyncStore));
        }
        return new Result(imageBytes, files, round(imageBytes / 1e6 / buildSeconds), casyncBuild == null ? null : round(casyncBuild),
                round(fetchMBps[2]), round(fetchMBps[0]), changed, delta, casyncDelta, v1.manifest().chunks());
    }

    /** A phone-like tree: files of 16 KiB to 2 MiB, half incompressible (media, code), half text-like. */
    private static int writeTree(Path tree, long size, Random random) throws IOException {
        Files.createDirectories(tree);
        Files.writeString(tree.resolve("phone.json"), """
                {"display": {"width": 720, "height": 1560, "density": 320}, "osBuild": "workcell-bench", "defaultApps": ["org.workcell.mail"]}
                """);
        byte[] words = "contact account message folder document note settings catalog lease policy ".getBytes(StandardCharsets.US_ASCII);
        long written = 0;
        int n = 0;
        while (written < size) {
            int length = (int) Math.min(size - written, 16 * 1024 + random.nextInt(2 * 1024 * 1024 - 16 * 1024));
            byte[] bytes = new byte[length];
            if (n % 2 == 0) {
                random.nextBytes(bytes);
            } else {
                for (int i = 0; i < length; i++) {
                    bytes[i] = words[(i * 7 + n) % words.length];
                }
                for (int i = 0; i < length; i += 97) {
                    bytes[i] = (byte) random.nextInt(256);
                }
            }
            Path file = tree.resolve("dir" + (n % 32)).resolve("file-" + n + ".bin");
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
            written += length;
            n++;
        }
        return n;
    }

    /** Rewrites whole files, evenly spread over the tree, until 1% of the bytes have changed. */
    private static long changeOnePercent(Path tree, Random random) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(tree)) {
            files = walk.filter(p -> p.toString().endsWith(".bin")).sorted().toList();
        }
        long target = treeBytes(tree) / 100;
        long changed = 0;
        int step = Math.max(1, files.size() / 50);
        for (int i = 0; changed < target && i < files.size(); i += step) {
            byte[] bytes = new byte[(int) Files.size(files.get(i))];
            random.nextBytes(bytes);
            Files.write(files.get(i), bytes);
            changed += bytes.length;
        }
        return changed;
    }

    /** The throughput of each of {@code passes} whole fetches, each by a new fetcher into an absent target. */
    private static double[] fetch(Path served, ImageBuilder.Result image, KeyPair key, Path target, int passes) throws IOException {
        Server http = staticFileServer(served);
        String base = "http://127.0.0.1:" + ((ServerConnector) http.getConnectors()[0]).getLocalPort();
        double[] mbps = new double[passes];
        try {
            for (int pass = 0; pass < passes; pass++) {
                Files.deleteIfExists(target);
                try (FetchSource source = FetchSource.http(URI.create(base + "/store/"), FetchSource.HttpOptions.DEFAULT);
                     ImageFetcher fetcher = new ImageFetcher(source, CaibxFormat::read, FetchOptions.DEFAULT)) {
                    long t0 = System.nanoTime();
                    FetchResult result = fetcher.fetch(FetchRequest.of(image.manifestToken(), key.getPublic(), FetchPolicy.NOTHING_INSTALLED,
                            FetchRequest.IndexSource.at(base + "/index.caibx"), target));
                    mbps[pass] = result.index().size() / 1e6 / ((System.nanoTime() - t0) / 1e9);
                }
            }
            return mbps;
        } catch (ImageFetchException e) {
            throw new IOException("the benchmark's own fetch failed: " + e.getMessage(), e);
        } finally {
            try {
                http.stop();
            } catch (Exception e) {
                throw new IOException("stopping the benchmark's file server", e);
            }
        }
    }

    /** A production static file server (Jetty's), as a CDN or object store would be: plain GETs of immutable files. */
    private static Server staticFileServer(Path root) throws IOException {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ResourceHandler files = new ResourceHandler() {
            // Jetty's default cache re-sorts itself as it fills, which costs more than reading thousands of
            // small chunk files from the page cache; a CDN edge would not cache them in the server either.
            @Override
            protected HttpContent.Factory newHttpContentFactory(ByteBufferPool.Sized buffers) {
                return new ResourceHttpContentFactory(getBaseResource(), getMimeTypes(), buffers);
            }
        };
        files.setBaseResource(ResourceFactory.of(server).newResource(root.toAbsolutePath()));
        files.setDirAllowed(false);
        server.setHandler(files);
        try {
            server.start();
        } catch (Exception e) {
            throw new IOException("starting the benchmark's file server", e);
        }
        return server;
    }

    private static Map<String, Long> chunkFiles(Path store) throws IOException {
        if (!Files.exists(store)) {
            return Map.of();
        }
        try (Stream<Path> walk = Files.walk(store)) {
            return walk.filter(p -> p.toString().endsWith(".cacnk"))
                    .collect(Collectors.toMap(p -> p.getFileName().toString(), p -> p.toFile().length()));
        }
    }

    private static long added(Map<String, Long> before, Map<String, Long> after) {
        return after.entrySet().stream().filter(e -> !before.containsKey(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    private static long treeBytes(Path tree) throws IOException {
        try (Stream<Path> walk = Files.walk(tree)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void casync(String casync, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(casync);
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("casync " + String.join(" ", args) + " failed");
        }
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
