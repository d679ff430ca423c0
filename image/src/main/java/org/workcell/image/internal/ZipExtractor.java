package org.workcell.image.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.workcell.image.ImageZip.Limits;
import org.workcell.image.ImageZipException;

/**
 * Extraction into a staging folder beside the target, renamed into place only when every entry
 * is written and checked; see {@link org.workcell.image.ImageZip#extract}.
 */
public final class ZipExtractor {
    private static final int BUFFER = 1 << 16;

    private ZipExtractor() {
    }

    public static void extract(Path zipFile, Path targetDir, Limits limits) throws IOException {
        Objects.requireNonNull(zipFile, "zipFile");
        Objects.requireNonNull(targetDir, "targetDir");
        Objects.requireNonNull(limits, "limits");
        Path target = targetDir.toAbsolutePath().normalize();
        if (target.getFileName() == null) {
            throw new FileSystemException(target.toString(), null, "cannot extract into a file system root; name a new folder");
        }
        checkTargetAbsent(target);
        Path parent = target.getParent();
        if (!Files.isDirectory(parent)) {
            throw new NoSuchFileException(parent.toString(), null, "the folder to extract into does not exist");
        }
        if (!Files.isRegularFile(zipFile)) {
            throw Files.exists(zipFile)
                    ? new FileSystemException(zipFile.toString(), null, "is not a regular file")
                    : new NoSuchFileException(zipFile.toString());
        }
        try (FileChannel zip = FileChannel.open(zipFile, StandardOpenOption.READ)) {
            // Everything that can be checked without unpacking is checked before the staging
            // folder exists, so most bad archives never touch the disk at all.
            List<ZipEntryRecord> entries = ZipReader.read(zip, limits);
            Path staging = Siblings.name(target, "partial");
            Files.createDirectory(staging);
            try {
                Unpacker unpacker = new Unpacker(zip, staging, limits);
                for (ZipEntryRecord entry : entries) {
                    unpacker.unpack(entry);
                }
                unpacker.syncFolders();
                // A folder that appeared meanwhile is not replaced (rename(2) would silently
                // replace an empty one); a race in the instant between this check and the rename
                // remains, which Java offers no RENAME_NOREPLACE to close.
                checkTargetAbsent(target);
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (Throwable failure) {
                try {
                    Siblings.deleteTree(staging);
                } catch (IOException | RuntimeException cleanup) {
                    failure.addSuppressed(cleanup);
                }
                throw failure;
            }
        }
        Siblings.syncFolder(parent);
    }

    private static void checkTargetAbsent(Path target) throws FileAlreadyExistsException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString(), null,
                    "already exists; extract into a folder that does not exist yet (remove or rename the old one first)");
        }
    }

    /** Writes entries under the staging folder, counting every byte against the limits. */
    private static final class Unpacker {
        private final FileChannel zip;
        private final Path root;
        private final Limits limits;
        private final long archiveRatioCap;
        private final byte[] input = new byte[BUFFER];
        private final byte[] output = new byte[BUFFER];
        private final List<Path> folders = new ArrayList<>();
        private long total;

        Unpacker(FileChannel zip, Path root, Limits limits) throws IOException {
            this.zip = zip;
            this.root = root;
            this.limits = limits;
            this.archiveRatioCap = Math.max(Limits.RATIO_FREE_BYTES, ZipReader.saturatingMultiply(zip.size(), limits.maxRatio()));
            folders.add(root);
        }

        void unpack(ZipEntryRecord entry) throws IOException {
            EntryName name = entry.name();
            Path path = name.resolveUnder(root);
            try {
                if (name.directory()) {
                    createFolders(name, path);
                    decode(entry, null);
                } else {
                    createFolders(name, path.getParent());
                    // CREATE_NEW and NOFOLLOW_LINKS: never write through something already there.
                    try (FileChannel file = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                            LinkOption.NOFOLLOW_LINKS)) {
                        decode(entry, file);
                        file.force(false);
                    }
                }
            } catch (FileAlreadyExistsException e) {
                throw collision(name);
            }
        }

        private ImageZipException collision(EntryName name) {
            return new ImageZipException(name.name(), "collides with another entry on this file system "
                    + "(names that differ only in case or Unicode form are one name here)");
        }

        private void createFolders(EntryName name, Path folder) throws IOException {
            if (folder.equals(root) || Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            createFolders(name, folder.getParent());
            try {
                Files.createDirectory(folder);
                folders.add(folder);
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                    throw collision(name);
                }
            }
        }

        void syncFolders() {
            for (Path folder : folders) {
                Siblings.syncFolder(folder);
            }
        }

        /** Unpacks one entry's data into {@code file} (null for a folder, which must have none). */
        private void decode(ZipEntryRecord entry, FileChannel file) throws IOException {
            Sink sink = new Sink(entry, file);
            long at = entry.dataOffset();
            long left = entry.compressedSize();
            if (entry.method() == ZipReader.STORED) {
                while (left > 0) {
                    int n = read(entry, at, (int) Math.min(BUFFER, left));
                    sink.accept(input, n);
                    at += n;
                    left -= n;
                }
            } else {
                Inflater inflater = new Inflater(true);
                try {
                    while (!inflater.finished()) {
                        if (inflater.needsInput()) {
                            if (left == 0) {
                                throw new ImageZipException(entry.name().name(),
                                        "its compressed data ends before the deflate stream does (truncated or damaged)");
                            }
                            int n = read(entry, at, (int) Math.min(BUFFER, left));
                            inflater.setInput(input, 0, n);
                            at += n;
                            left -= n;
                        }
                        int produced;
                        try {
                            produced = inflater.inflate(output);
                        } catch (DataFormatException e) {
                            throw new ImageZipException(entry.name().name(), "its compressed data is damaged (" + e.getMessage() + ")");
                        }
                        if (produced > 0) {
                            sink.accept(output, produced);
                        } else if (inflater.needsDictionary()) {
                            throw new ImageZipException(entry.name().name(), "its compressed data needs a preset dictionary, which zip does not use");
                        } else if (!inflater.finished() && !inflater.needsInput()) {
                            throw new ImageZipException(entry.name().name(), "its compressed data makes no progress (damaged)");
                        }
                    }
                    if (left != 0 || inflater.getRemaining() != 0) {
                        throw new ImageZipException(entry.name().name(), "its deflate stream ends "
                                + (left + inflater.getRemaining()) + " bytes before its declared compressed size (damaged or forged)");
                    }
                } finally {
                    inflater.end();
                }
            }
            sink.finish();
        }

        private int read(ZipEntryRecord entry, long at, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(input, 0, length);
            while (buffer.hasRemaining()) {
                if (zip.read(buffer, at + buffer.position()) < 0) {
                    throw new ImageZipException(entry.name().name(), "the archive ends inside its data (truncated, or changed while reading)");
                }
            }
            return length;
        }

        /**
         * Counts, checks and writes unpacked bytes. Every limit is checked before a chunk is
         * written, so no limit is ever exceeded on disk, however the archive lies. The declared
         * size bounds the others (the reader held declared sizes to the limits), but each limit is
         * checked here on its own too, so that one wrong check cannot open the door.
         */
        private final class Sink {
            private final ZipEntryRecord entry;
            private final FileChannel file;
            private final CRC32 crc = new CRC32();
            private final long ratioCap;
            private long written;

            Sink(ZipEntryRecord entry, FileChannel file) {
                this.entry = entry;
                this.file = file;
                this.ratioCap = Math.max(Limits.RATIO_FREE_BYTES, ZipReader.saturatingMultiply(entry.compressedSize(), limits.maxRatio()));
            }

            void accept(byte[] bytes, int n) throws IOException {
                String name = entry.name().name();
                long after = written + n;
                if (after > entry.size()) {
                    throw new ImageZipException(name, "unpacks to more than the " + entry.size()
                            + " bytes it declares (damaged, or a zip bomb hiding its size)");
                }
                if (after > limits.maxEntryBytes()) {
                    throw new ImageZipException(name, "unpacks to more than " + limits.maxEntryBytes() + " bytes, the limit per entry");
                }
                if (after > ratioCap) {
                    throw new ImageZipException(name, "unpacks to more than " + limits.maxRatio()
                            + " times its compressed size (a zip bomb?)");
                }
                if (total + n > limits.maxTotalBytes()) {
                    throw new ImageZipException("archive unpacks to more than " + limits.maxTotalBytes() + " bytes, the limit");
                }
                if (total + n > archiveRatioCap) {
                    throw new ImageZipException("archive unpacks to more than " + limits.maxRatio() + " times its size (a zip bomb?)");
                }
                crc.update(bytes, 0, n);
                ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, n);
                while (buffer.hasRemaining()) {
                    file.write(buffer);
                }
                written = after;
                total += n;
            }

            void finish() throws ImageZipException {
                if (written != entry.size()) {
                    throw new ImageZipException(entry.name().name(), "unpacks to " + written + " bytes, not the "
                            + entry.size() + " it declares (damaged or forged)");
                }
                if (crc.getValue() != entry.crc()) {
                    throw new ImageZipException(entry.name().name(), String.format(
                            "fails its CRC-32 check (%08x, expected %08x): the data is damaged", crc.getValue(), entry.crc()));
                }
            }
        }
    }
}
