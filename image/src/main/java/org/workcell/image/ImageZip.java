package org.workcell.image;

import java.io.IOException;
import java.nio.file.Path;
import org.workcell.image.internal.ZipExporter;
import org.workcell.image.internal.ZipExtractor;

/**
 * The plain zip of an image tree ({@code workcell image export --zip} and {@code image import --zip}).
 *
 * <p>{@link #export} writes a zip that any unzip tool opens. {@link #extract} reads zips from
 * anywhere, so it trusts nothing in them. Before a byte is written it checks the whole archive:
 * <ul>
 *   <li>names: UTF-8, not empty, relative ({@code /x}, {@code \\server\x}, {@code C:\x} and
 *       {@code C:x} refused), '/'-separated (a backslash is refused), no {@code .}, {@code ..} or
 *       empty segments, no NUL or other control characters, at most 4096 bytes with segments of
 *       at most 255, at most {@link Limits#maxDepth} segments;
 *   <li>no name twice, and no path that one entry makes a file and another a folder. Names that
 *       differ only in case are allowed (Android trees have them); on a file system that folds
 *       case, the second fails as a collision instead of overwriting the first;
 *   <li>types: plain files and folders only. Symbolic links (Unix mode in the external
 *       attributes, whatever system the archive claims, or an ASi extra field), Windows reparse
 *       points, devices, pipes and sockets are refused, as is a mode that contradicts the name;
 *   <li>stored or deflated data only, no encryption, no split archives;
 *   <li>structure: the central directory is the list of entries and every local header and data
 *       descriptor must agree with it; entries, directory and end record must tile the file with
 *       no byte shared (overlap bombs) or unaccounted for (hidden entries, prefixed stubs);
 *   <li>declared sizes against {@link Limits}.
 * </ul>
 * Then, while inflating, it counts the bytes that really come out and stops the moment an entry
 * passes its declared size or any limit, before writing the chunk that would cross it; sizes
 * that fall short and CRC-32 mismatches are refused after the entry. The result appears all at
 * once or not at all.
 */
public final class ImageZip {
    private ImageZip() {
    }

    /**
     * How much an extracted zip may hold. Sizes are counted while inflating, so a zip that lies
     * about them is stopped as soon as it crosses one, never after.
     *
     * @param maxEntries    entries in the archive (files and folders)
     * @param maxTotalBytes bytes of all entries together, uncompressed
     * @param maxEntryBytes bytes of one entry, uncompressed
     * @param maxRatio      how many times larger than its compressed bytes an entry, and the whole
     *                      archive than its file, may become; entries and archives that stay under
     *                      {@link #RATIO_FREE_BYTES} are not held to it, since small files of zeros
     *                      legitimately compress far better than any sensible limit
     * @param maxDepth      path segments in an entry name ({@code a/b/c} is 3)
     */
    public record Limits(int maxEntries, long maxTotalBytes, long maxEntryBytes, int maxRatio, int maxDepth) {
        /** Below this many uncompressed bytes the ratio is not checked (1 MiB). */
        public static final long RATIO_FREE_BYTES = 1L << 20;

        /**
         * Sized for phone images: 100,000 entries, 16 GiB in all, 4 GiB per entry, 200:1, 64
         * levels. A full Android system tree is tens of thousands of files and a few GiB, its
         * largest files (partition images) stay under 4 GiB, and real data deflates by 10:1 or so
         * while deflate bombs reach 1000:1.
         */
        public static final Limits DEFAULTS = new Limits(100_000, 16L << 30, 4L << 30, 200, 64);

        public Limits {
            if (maxEntries < 1 || maxTotalBytes < 0 || maxEntryBytes < 0 || maxRatio < 1 || maxDepth < 1) {
                throw new IllegalArgumentException("zip limits must be positive: " + maxEntries + " entries, "
                        + maxTotalBytes + " total bytes, " + maxEntryBytes + " bytes per entry, ratio "
                        + maxRatio + ", depth " + maxDepth);
            }
        }
    }

    /**
     * Writes the folder {@code tree} as a zip at {@code zipFile}: entries sorted by name, one fixed
     * timestamp, Unix modes 0644 and 0755 whatever the files have, so the same tree gives the same
     * bytes. Files are deflated, except those that deflate by more than 100:1 (a big file of
     * zeros), which are stored so that {@link #extract} with default limits does not take them for
     * a bomb. The zip is written beside {@code zipFile} under a temporary name and renamed into
     * place, replacing an existing file only once complete. Sizes and counts are not held to
     * {@link Limits}; importing a tree larger than the defaults needs larger limits.
     *
     * @throws ImageZipException if the tree holds a symbolic link, a device, pipe or socket, or a
     *                           name {@link #extract} would refuse; nothing is written then
     * @throws IOException       if the tree or the zip's folder is missing, the zip would be
     *                           inside the tree, or on trouble reading or writing the disk
     */
    public static void export(Path tree, Path zipFile) throws IOException {
        ZipExporter.export(tree, zipFile);
    }

    /** {@link #extract(Path, Path, Limits)} with {@link Limits#DEFAULTS}. */
    public static void extract(Path zipFile, Path targetDir) throws IOException {
        extract(zipFile, targetDir, Limits.DEFAULTS);
    }

    /**
     * Unpacks {@code zipFile} into the new folder {@code targetDir}, which must not exist yet: a
     * folder cannot be swapped atomically for another on POSIX, so replacing one would leave a
     * moment with neither, or with a mix; remove or rename the old one first. Entries are written
     * into a fresh hidden folder beside the target ({@code .<name>.partial-<random>}), each file
     * synced, and that folder is renamed to the target only after every entry was written and
     * checked; on any failure it is deleted and the target does not appear. (A crash of the whole
     * process can leave such a folder behind; it is safe to delete.) Permissions, owners and times
     * in the zip are ignored: folders and files get the defaults of the user extracting.
     *
     * @throws ImageZipException                        if the archive is malformed, exceeds
     *                                                  {@code limits}, or holds an entry that is
     *                                                  not a plain file or folder inside the target
     * @throws java.nio.file.FileAlreadyExistsException if {@code targetDir} exists (also a link)
     * @throws java.nio.file.NoSuchFileException        if the zip or the target's parent is missing
     * @throws IOException                              on trouble reading or writing the disk
     */
    public static void extract(Path zipFile, Path targetDir, Limits limits) throws IOException {
        ZipExtractor.extract(zipFile, targetDir, limits);
    }
}
