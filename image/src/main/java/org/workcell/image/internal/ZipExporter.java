package org.workcell.image.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import org.workcell.image.ImageZip.Limits;
import org.workcell.image.ImageZipException;

/** Writes an image tree as a plain zip; see {@link org.workcell.image.ImageZip#export}. */
public final class ZipExporter {
    /**
     * Files that deflate by more than this are stored instead. Half the default ratio limit:
     * what the exporter writes, the extractor with default limits accepts, entry by entry and as
     * a whole (a big file of zeros is real in a phone image and must not look like a bomb).
     */
    static final int STORE_ABOVE_RATIO = Limits.DEFAULTS.maxRatio() / 2;

    private ZipExporter() {
    }

    private record Item(String name, Path path, boolean directory, long size) {}

    public static void export(Path tree, Path zipFile) throws IOException {
        export(tree, zipFile, ZipWriter.MAX_32);
    }

    /** As {@link #export(Path, Path)}, writing zip64 fields for values from {@code zip64Threshold} up (tests go low). */
    public static void export(Path tree, Path zipFile, long zip64Threshold) throws IOException {
        Objects.requireNonNull(tree, "tree");
        Objects.requireNonNull(zipFile, "zipFile");
        Path root = tree.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw Files.exists(root) ? new NotDirectoryException(root.toString()) : new NoSuchFileException(root.toString());
        }
        Path zip = zipFile.toAbsolutePath().normalize();
        if (zip.getFileName() == null || !Files.isDirectory(zip.getParent())) {
            throw new NoSuchFileException(String.valueOf(zip.getParent()), null, "the folder to write the zip into does not exist");
        }
        // The temporary zip is written beside the target; inside the tree it would export itself.
        if (zip.getParent().toRealPath().startsWith(root.toRealPath())) {
            throw new FileSystemException(zip.toString(), null, "the zip must not be written inside the tree it holds");
        }
        if (Files.exists(zip, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(zip, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileSystemException(zip.toString(), null, "exists and is not a regular file; not replacing it");
        }
        List<Item> items = list(root);
        Path temporary = Siblings.name(zip, "partial");
        // Opened before the cleanup below takes charge: a name that somehow existed is not ours to delete.
        FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            try (channel) {
                ZipWriter writer = new ZipWriter(channel, zip64Threshold);
                try {
                    for (Item item : items) {
                        write(writer, item);
                    }
                    writer.finish();
                } finally {
                    writer.abandon();
                }
                channel.force(true);
            }
            Files.move(temporary, zip, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (Throwable failure) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
        Siblings.syncFolder(zip.getParent());
    }

    /**
     * Every folder and file under {@code root}, sorted by entry name (parents before their
     * contents, and the same order on every machine). Anything that is not a plain file or folder
     * is refused rather than skipped: an image missing a file it seemed to have is worse than an
     * export that says why it stopped.
     */
    private static List<Item> list(Path root) throws IOException {
        List<Item> items = new ArrayList<>();
        Deque<Path> folders = new ArrayDeque<>();
        folders.push(root);
        while (!folders.isEmpty()) {
            Path folder = folders.pop();
            try (DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
                for (Path child : children) {
                    Path relative = root.relativize(child);
                    StringBuilder name = new StringBuilder();
                    for (Path segment : relative) {
                        name.append(name.isEmpty() ? "" : "/").append(segment);
                    }
                    BasicFileAttributes attributes = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (attributes.isSymbolicLink()) {
                        throw new ImageZipException(name.toString(), "is a symbolic link; an image holds only files and folders, "
                                + "and the importer refuses links (replace it with a copy of what it points to)");
                    }
                    if (attributes.isDirectory()) {
                        name.append('/');
                        folders.push(child);
                    } else if (!attributes.isRegularFile()) {
                        throw new ImageZipException(name.toString(), "is not a regular file or folder (a device, pipe or socket); an image holds only files and folders");
                    }
                    // The importer's rules, applied here so that every exported zip imports.
                    EntryName.parse(name.toString(), Limits.DEFAULTS.maxDepth());
                    items.add(new Item(name.toString(), child, attributes.isDirectory(), attributes.size()));
                }
            }
        }
        items.sort(Comparator.comparing(Item::name));
        return items;
    }

    /**
     * Folders as they are; files deflated, or stored when they deflate by more than
     * {@link #STORE_ABOVE_RATIO}. Deflating first and rewinding only for those files means
     * ordinary data is read once.
     */
    private static void write(ZipWriter writer, Item item) throws IOException {
        if (item.directory()) {
            writer.folder(item.name());
            return;
        }
        int mark = writer.entries();
        ZipWriter.Written deflated;
        try (InputStream in = Files.newInputStream(item.path(), LinkOption.NOFOLLOW_LINKS)) {
            deflated = writer.file(item.name(), in, item.size(), ZipWriter.DEFLATED);
        }
        if (item.size() > ZipReader.saturatingMultiply(deflated.compressedSize(), STORE_ABOVE_RATIO)) {
            writer.rewind(mark);
            try (InputStream in = Files.newInputStream(item.path(), LinkOption.NOFOLLOW_LINKS)) {
                writer.file(item.name(), in, item.size(), ZipWriter.STORED);
            }
        }
    }
}
