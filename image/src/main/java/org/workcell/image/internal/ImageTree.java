package org.workcell.image.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;

/**
 * The entries of an image tree, in the order the payload holds them: every folder (as
 * {@code name/}) and regular file under the root, by path with forward slashes, sorted by the
 * UTF-8 bytes of that path, so the order never depends on the file system or the locale.
 *
 * <p>Only regular files and folders may be in a tree. Symbolic links are refused, even ones that
 * stay inside it: following them would put one file in the image twice or let a link pull in
 * files from outside, and the payload has no way to store a link as such. Devices, sockets and
 * pipes are refused too.
 */
public final class ImageTree {
    /** One folder or file. {@code name} is relative with '/' separators; folders end in '/'. */
    public record Entry(String name, byte[] nameBytes, Path path, boolean directory, long size) {}

    private static final Comparator<Entry> BY_NAME_BYTES = (a, b) -> Arrays.compareUnsigned(a.nameBytes(), b.nameBytes());

    private ImageTree() {}

    public static List<Entry> scan(Path root) throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(root + " is not a folder (an image is built from a folder)");
        }
        List<Entry> entries = new ArrayList<>();
        Files.walkFileTree(root, EnumSet.noneOf(java.nio.file.FileVisitOption.class), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(root)) {
                    entries.add(entry(root, dir, true, 0));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isSymbolicLink()) {
                    throw new IOException(file + " is a symbolic link; an image tree holds only regular files and folders"
                            + " (copy the link's target into the tree instead)");
                }
                if (!attrs.isRegularFile()) {
                    throw new IOException(file + " is not a regular file or folder (a device, socket or pipe);"
                            + " an image tree holds only regular files and folders");
                }
                entries.add(entry(root, file, false, attrs.size()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                throw new IOException("cannot read " + file + " in the image tree: " + e.getMessage(), e);
            }
        });
        entries.sort(BY_NAME_BYTES);
        return entries;
    }

    private static Entry entry(Path root, Path path, boolean directory, long size) throws IOException {
        StringBuilder name = new StringBuilder();
        for (Path part : root.relativize(path)) {
            String s = part.toString();
            // A backslash is a separator to Windows unzip tools: "a\..\..\x" would escape where it is unpacked.
            if (s.indexOf('\\') >= 0 || s.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new IOException(path + ": file names in an image may not contain backslashes or control characters");
            }
            if (!name.isEmpty()) {
                name.append('/');
            }
            name.append(s);
        }
        if (directory) {
            name.append('/');
        }
        String text = name.toString();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0xFFFF) {
            throw new IOException(path + ": the path is longer than a zip entry name may be");
        }
        return new Entry(text, bytes, path, directory, size);
    }
}
