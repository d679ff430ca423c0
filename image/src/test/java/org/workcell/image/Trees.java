package org.workcell.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Helpers to describe and compare folders in tests. */
final class Trees {
    private Trees() {
    }

    /**
     * Everything under {@code root} by relative path: "dir", "link -> target", or the file's
     * bytes in hex (short files) or size and hash, so two trees compare with one equals.
     */
    static Map<String, String> describe(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted().toList()) {
                if (p.equals(root)) {
                    continue;
                }
                String key = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    out.put(key, "link -> " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.put(key, "dir");
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    byte[] bytes = Files.readAllBytes(p);
                    out.put(key, bytes.length <= 64 ? "file " + HexFormat.of().formatHex(bytes)
                            : "file " + bytes.length + " bytes, hash " + java.util.Arrays.hashCode(bytes));
                } else {
                    out.put(key, "other");
                }
            }
        }
        return out;
    }

    static void delete(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes this process has written (wchar) and read (rchar), per the kernel; -1 if unknown. */
    static long[] processIo() {
        Path io = Path.of("/proc/self/io");
        if (!Files.isReadable(io)) {
            return new long[] {-1, -1};
        }
        try {
            long written = -1;
            long read = -1;
            for (String line : Files.readAllLines(io)) {
                if (line.startsWith("wchar:")) {
                    written = Long.parseLong(line.substring(6).trim());
                } else if (line.startsWith("rchar:")) {
                    read = Long.parseLong(line.substring(6).trim());
                }
            }
            return new long[] {written, read};
        } catch (IOException e) {
            return new long[] {-1, -1};
        }
    }
}
