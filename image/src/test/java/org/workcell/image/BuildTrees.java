package org.workcell.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/** Synthetic image trees: seeded, so a failure can be replayed. */
final class BuildTrees {
    static final String PHONE_JSON = """
            {"display": {"width": 1080, "height": 2400, "density": 420},
             "osBuild": "workcell-phone 0.1.0 (test)",
             "defaultApps": ["org.workcell.mail", "org.workcell.contacts"]}
            """;

    private BuildTrees() {}

    /**
     * A tree of {@code files} files in nested folders with {@code phone.json} at the root: most
     * small, some of tens of KiB, a few of hundreds; half compressible text, half random bytes;
     * and an empty folder.
     */
    static Path make(Path root, long seed, int files) throws IOException {
        Files.createDirectories(root);
        Files.writeString(root.resolve("phone.json"), PHONE_JSON);
        Files.createDirectories(root.resolve("data/empty"));
        Random random = new Random(seed);
        for (int i = 0; i < files; i++) {
            Path dir = root.resolve(List.of("system", "apps", "data", "system/lib", "apps/mail/res").get(random.nextInt(5)));
            Files.createDirectories(dir);
            int kind = random.nextInt(10);
            int size = kind < 6 ? random.nextInt(4000) : kind < 9 ? 4000 + random.nextInt(60_000) : 100_000 + random.nextInt(400_000);
            Files.write(dir.resolve("f" + i + (random.nextBoolean() ? ".txt" : ".bin")), content(random, size));
        }
        return root;
    }

    static byte[] content(Random random, int size) {
        byte[] data = new byte[size];
        if (random.nextBoolean()) {
            random.nextBytes(data);
        } else {
            String[] words = {"phone", "work", "lease", "policy", "image", "chunk", "mail", "the", "a", "of", "\n"};
            StringBuilder text = new StringBuilder(size + 16);
            while (text.length() < size) {
                text.append(words[random.nextInt(words.length)]).append(' ');
            }
            System.arraycopy(text.toString().getBytes(StandardCharsets.US_ASCII), 0, data, 0, size);
        }
        return data;
    }

    static List<Path> regularFiles(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("phone.json")).sorted().toList();
        }
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            paths.forEach(p -> {
                try {
                    Path target = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static long countFiles(Path root) throws IOException {
        if (!Files.exists(root)) {
            return 0;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).count();
        }
    }

    static Set<ChunkId> ids(ImageIndex index) {
        Set<ChunkId> ids = new HashSet<>();
        index.chunks().forEach(c -> ids.add(c.id()));
        return ids;
    }
}
