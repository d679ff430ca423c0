package org.workcell.image.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an image tree as the image payload: a zip whose entries are all STORED (uncompressed;
 * compression is per chunk, so that a small change stays a small delta), in {@link ImageTree}
 * order, folders included. Everything that could vary between two builds of the same tree is
 * fixed: every entry's time is 1980-02-01 00:00 (a plain DOS time, no extra fields), there are no
 * comments and no permissions (the JDK's zip writer has no public way to set them; an image's
 * files are data, not executables). Same tree, same bytes.
 *
 * <p>A chunk is made to start at each file of at least {@code min} bytes, so such a file owns its
 * chunks and an edit to it leaves its neighbours' chunks alone. Smaller files are not cut at:
 * where a cut falls among them would then depend on the files before them, and an edit early on
 * would shift every later grouping; left to content-defined cutting, they re-synchronise.
 */
public final class PayloadWriter {
    // Not 1980-01-01 00:00: the JDK takes that DOS time to mean "before 1980" and adds an extended
    // timestamp in the local time zone. Gradle's reproducible archives use this date for that reason.
    static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 2, 1, 0, 0);

    // A STORED entry's header carries the CRC and precedes the data, so files up to this size are
    // read once, into memory, and larger ones twice: CRC, then data. Small enough to stay in the CPU's
    // cache between reading, checksumming and hashing, which measured faster than larger buffers.
    private static final int WHOLE_FILE_LIMIT = 1 << 20;
    private static final int STREAM_BUFFER = 1 << 20;

    private final ChunkingOutputStream out;
    private final int cutAtFilesFrom;
    private final ProgressMeter progress;
    private byte[] buffer = new byte[STREAM_BUFFER];

    public PayloadWriter(ChunkingOutputStream out, int cutAtFilesFrom, ProgressMeter progress) {
        this.out = out;
        this.cutAtFilesFrom = cutAtFilesFrom;
        this.progress = progress;
    }

    /** The payload's size for these entries, nearly: for progress reports only (zip64 records are not counted). */
    public static long estimateSize(List<ImageTree.Entry> entries) {
        long size = 22;
        for (ImageTree.Entry e : entries) {
            size += 30 + 46 + 2L * e.nameBytes().length + e.size();
        }
        return size;
    }

    public void write(List<ImageTree.Entry> entries) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        zip.setMethod(ZipOutputStream.STORED);
        for (ImageTree.Entry entry : entries) {
            if (entry.directory()) {
                zip.putNextEntry(zipEntry(entry.name(), 0, 0));
                zip.closeEntry();
            } else {
                writeFile(zip, entry);
            }
            progress.update(out.position());
        }
        // The central directory changes with every edit; its own chunks keep that change out of the last file's.
        out.cutHere();
        // finish(), not close(): the chunking stream outlives the zip and is finished by its owner.
        zip.finish();
    }

    private static ZipEntry zipEntry(String name, long size, long crc) {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(size);
        e.setCompressedSize(size);
        e.setCrc(crc);
        e.setTimeLocal(ENTRY_TIME);
        return e;
    }

    private void writeFile(ZipOutputStream zip, ImageTree.Entry entry) throws IOException {
        if (entry.size() >= cutAtFilesFrom) {
            out.cutHere();
        }
        FileChannel opened;
        try {
            opened = FileChannel.open(entry.path(), StandardOpenOption.READ);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IOException(entry.path() + " cannot be read: permission denied", e);
        } catch (java.nio.file.NoSuchFileException e) {
            throw changed(entry);
        }
        try (FileChannel channel = opened) {
            if (entry.size() <= WHOLE_FILE_LIMIT) {
                int size = (int) entry.size();
                if (buffer.length < size) {
                    buffer = new byte[Math.max(size, Math.min(WHOLE_FILE_LIMIT, buffer.length * 2))];
                }
                int n = readFully(channel, buffer, size + 1);
                if (n != size) {
                    throw changed(entry);
                }
                CRC32 crc = new CRC32();
                crc.update(buffer, 0, n);
                zip.putNextEntry(zipEntry(entry.name(), n, crc.getValue()));
                zip.write(buffer, 0, n);
            } else {
                CRC32 crc = new CRC32();
                long total = 0;
                for (int n; (n = readFully(channel, buffer, buffer.length)) > 0; ) {
                    crc.update(buffer, 0, n);
                    total += n;
                }
                if (total != entry.size()) {
                    throw changed(entry);
                }
                channel.position(0);
                zip.putNextEntry(zipEntry(entry.name(), total, crc.getValue()));
                long copied = 0;
                for (int n; (n = readFully(channel, buffer, buffer.length)) > 0; ) {
                    zip.write(buffer, 0, n);
                    copied += n;
                    progress.update(out.position());
                }
                if (copied != total) {
                    throw changed(entry);
                }
            }
            zip.closeEntry(); // checks the CRC of what was written, so a file that changed between the passes is caught
        }
    }

    private static IOException changed(ImageTree.Entry entry) {
        return new IOException(entry.path() + " changed while the image was being built; build again from a tree that is not being written to");
    }

    // Reads until {@code want} bytes or the end of the file, whichever is first; returns how many (at most the buffer's length).
    private static int readFully(FileChannel channel, byte[] into, int want) throws IOException {
        int limit = Math.min(want, into.length);
        ByteBuffer target = ByteBuffer.wrap(into, 0, limit);
        while (target.hasRemaining()) {
            if (channel.read(target) < 0) {
                break;
            }
        }
        int n = target.position();
        if (n == into.length && want > into.length) {
            // Asked for more than fits (size + 1 to detect growth): see whether the file really goes on.
            if (channel.read(ByteBuffer.allocate(1)) > 0) {
                return n + 1;
            }
        }
        return n;
    }
}
