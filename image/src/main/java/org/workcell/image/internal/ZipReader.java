package org.workcell.image.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.workcell.image.ImageZip.Limits;
import org.workcell.image.ImageZipException;

/**
 * Reads and checks a zip's structure before anything is extracted. The central directory is the
 * one list of entries; every local header must agree with it, and the entries, the directory and
 * the end record must tile the file exactly, with no byte unaccounted for and none shared. A zip
 * that two readers could understand differently (a streaming one following local headers, a
 * random-access one following the directory) is refused instead of being read one of the ways.
 */
public final class ZipReader {
    public static final int STORED = 0;
    public static final int DEFLATED = 8;

    private static final int LOC_SIG = 0x04034b50;
    private static final int CEN_SIG = 0x02014b50;
    private static final int END_SIG = 0x06054b50;
    private static final int ZIP64_END_SIG = 0x06064b50;
    private static final int ZIP64_LOCATOR_SIG = 0x07064b50;
    private static final int DESCRIPTOR_SIG = 0x08074b50;
    private static final int END_SIZE = 22;
    private static final int ZIP64_LOCATOR_SIZE = 20;
    private static final int ZIP64_END_SIZE = 56;
    private static final int CEN_SIZE = 46;
    private static final int LOC_SIZE = 30;
    private static final long MAGIC32 = 0xFFFFFFFFL;
    private static final int MAGIC16 = 0xFFFF;
    private static final int MAX_COMMENT = 0xFFFF;

    private static final int FLAG_ENCRYPTED = 1;
    private static final int FLAG_DESCRIPTOR = 1 << 3;
    private static final int FLAG_STRONG_ENCRYPTION = 1 << 6;
    private static final int FLAG_MASKED_DIRECTORY = 1 << 13;

    private static final int EXTRA_ZIP64 = 0x0001;
    private static final int EXTRA_ASI_UNIX = 0x756e;

    private static final int S_IFMT = 0xF000;
    private static final int S_IFREG = 0x8000;
    private static final int S_IFDIR = 0x4000;
    private static final int S_IFLNK = 0xA000;
    private static final int DOS_DIRECTORY = 0x10;
    private static final int WINDOWS_REPARSE_POINT = 0x400;

    private ZipReader() {
    }

    /**
     * The archive's entries in file order, each checked: name, type, sizes against {@code limits},
     * agreement of local header and data descriptor with the central directory, and layout.
     * Nothing here trusts a declared size beyond using it as a bound the extractor enforces.
     */
    public static List<ZipEntryRecord> read(FileChannel channel, Limits limits) throws IOException {
        long fileSize = channel.size();
        Directory directory = findDirectory(channel, fileSize, limits);
        List<Central> entries = readCentral(channel, directory, fileSize, limits);
        return checkLayout(channel, directory, entries);
    }

    private record Directory(long count, long offset, long end) {}

    /** One central-directory entry, with what the layout check still needs. */
    private record Central(EntryName name, byte[] rawName, int flags, int method, long crc, long compressedSize,
            long size, long headerOffset) {}

    private static Directory findDirectory(FileChannel channel, long fileSize, Limits limits) throws IOException {
        if (fileSize < END_SIZE) {
            throw new ImageZipException("not a zip file: " + fileSize + " bytes is too short to hold the end-of-archive record (empty or truncated?)");
        }
        int tailLength = (int) Math.min(fileSize, END_SIZE + MAX_COMMENT);
        long tailStart = fileSize - tailLength;
        ByteBuffer tail = readAt(channel, tailStart, tailLength, "the end-of-archive record");
        // The last signature whose comment length reaches exactly to the end of the file: a
        // signature inside the comment, or one followed by stray bytes, is not the end record.
        int at = -1;
        for (int i = tailLength - END_SIZE; i >= 0; i--) {
            if (tail.getInt(i) == END_SIG && (tail.getShort(i + 20) & 0xFFFF) == tailLength - END_SIZE - i) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            throw new ImageZipException("not a zip file: no end-of-archive record (truncated, or not a zip)");
        }
        long endOffset = tailStart + at;
        int disk = u16(tail, at + 4);
        int directoryDisk = u16(tail, at + 6);
        long diskEntries = u16(tail, at + 8);
        long entries = u16(tail, at + 10);
        long size = u32(tail, at + 12);
        long offset = u32(tail, at + 16);
        long directoryEnd = endOffset;
        boolean zip64 = disk == MAGIC16 || directoryDisk == MAGIC16 || diskEntries == MAGIC16 || entries == MAGIC16
                || size == MAGIC32 || offset == MAGIC32;
        if (zip64) {
            long locatorOffset = endOffset - ZIP64_LOCATOR_SIZE;
            if (locatorOffset < 0) {
                throw new ImageZipException("the end record asks for zip64 but there is no zip64 locator before it (truncated?)");
            }
            ByteBuffer locator = readAt(channel, locatorOffset, ZIP64_LOCATOR_SIZE, "the zip64 locator");
            if (locator.getInt(0) != ZIP64_LOCATOR_SIG) {
                throw new ImageZipException("the end record asks for zip64 but there is no zip64 locator before it (truncated?)");
            }
            long recordDisk = u32(locator, 4);
            long recordOffset = locator.getLong(8);
            long disks = u32(locator, 16);
            if (recordDisk != 0 || disks > 1) {
                throw new ImageZipException("archive spans several disks, which is not supported");
            }
            if (recordOffset < 0 || recordOffset > locatorOffset - ZIP64_END_SIZE) {
                throw new ImageZipException("the zip64 end record lies outside the archive (damaged or truncated)");
            }
            ByteBuffer record = readAt(channel, recordOffset, ZIP64_END_SIZE, "the zip64 end record");
            if (record.getInt(0) != ZIP64_END_SIG) {
                throw new ImageZipException("the zip64 end record is missing where its locator points (damaged)");
            }
            long recordSize = record.getLong(4);
            if (recordSize != locatorOffset - recordOffset - 12) {
                throw new ImageZipException("the zip64 end record does not end at its locator (damaged, or bytes inserted)");
            }
            long disk64 = u32(record, 16);
            long directoryDisk64 = u32(record, 20);
            long diskEntries64 = record.getLong(24);
            long entries64 = record.getLong(32);
            long size64 = record.getLong(40);
            long offset64 = record.getLong(48);
            if (disk64 != 0 || directoryDisk64 != 0 || disk != MAGIC16 && disk != 0 || directoryDisk != MAGIC16 && directoryDisk != 0) {
                throw new ImageZipException("archive spans several disks, which is not supported");
            }
            if (diskEntries != MAGIC16 && diskEntries != diskEntries64 || entries != MAGIC16 && entries != entries64
                    || size != MAGIC32 && size != size64 || offset != MAGIC32 && offset != offset64) {
                throw new ImageZipException("the end record and the zip64 end record disagree (damaged or forged)");
            }
            diskEntries = diskEntries64;
            entries = entries64;
            size = size64;
            offset = offset64;
            directoryEnd = recordOffset;
        } else if (disk != 0 || directoryDisk != 0) {
            throw new ImageZipException("archive spans several disks, which is not supported");
        }
        if (diskEntries != entries) {
            throw new ImageZipException("archive spans several disks, which is not supported");
        }
        if (entries < 0 || entries > limits.maxEntries()) {
            throw new ImageZipException("archive has " + Long.toUnsignedString(entries) + " entries, more than the limit of " + limits.maxEntries());
        }
        if (offset < 0 || size < 0 || offset > directoryEnd || size != directoryEnd - offset) {
            throw new ImageZipException("the central directory does not end where the end record says (truncated, damaged, or bytes added)");
        }
        if (size < entries * CEN_SIZE) {
            throw new ImageZipException("the central directory is too small for the " + entries + " entries it should hold (damaged)");
        }
        return new Directory(entries, offset, directoryEnd);
    }

    private static List<Central> readCentral(FileChannel channel, Directory directory, long fileSize, Limits limits)
            throws IOException {
        Cursor in = new Cursor(channel, directory.offset(), directory.end());
        List<Central> entries = new ArrayList<>((int) Math.min(directory.count(), 1 << 16));
        Paths paths = new Paths(limits.maxEntries());
        long total = 0;
        for (long i = 0; i < directory.count(); i++) {
            ByteBuffer fixed = in.take(CEN_SIZE, "entry " + (i + 1) + " of the central directory");
            if (fixed.getInt(0) != CEN_SIG) {
                throw new ImageZipException("entry " + (i + 1) + " of the central directory is damaged (no signature)");
            }
            int madeBy = u16(fixed, 4);
            int flags = u16(fixed, 8);
            int method = u16(fixed, 10);
            long crc = u32(fixed, 16);
            long compressedSize = u32(fixed, 20);
            long size = u32(fixed, 24);
            int nameLength = u16(fixed, 28);
            int extraLength = u16(fixed, 30);
            int commentLength = u16(fixed, 32);
            int startDisk = u16(fixed, 34);
            long external = u32(fixed, 38);
            long headerOffset = u32(fixed, 42);
            byte[] rawName = in.bytes(nameLength, "an entry name in the central directory");
            byte[] extra = in.bytes(extraLength, "an entry's extra field in the central directory");
            in.skip(commentLength, "an entry comment in the central directory");

            String name = EntryName.decode(rawName);
            if ((flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION | FLAG_MASKED_DIRECTORY)) != 0) {
                throw new ImageZipException(name, "is encrypted, which is not supported");
            }
            if (method != STORED && method != DEFLATED) {
                throw new ImageZipException(name, "uses compression method " + method + "; only stored (0) and deflated (8) are supported");
            }
            ByteBuffer zip64 = extraBlock(name, extra, EXTRA_ZIP64);
            if (size == MAGIC32) {
                size = zip64Field(name, zip64, "uncompressed size");
            }
            if (compressedSize == MAGIC32) {
                compressedSize = zip64Field(name, zip64, "compressed size");
            }
            if (headerOffset == MAGIC32) {
                headerOffset = zip64Field(name, zip64, "header offset");
            }
            if (startDisk == MAGIC16) {
                startDisk = zip64 != null && zip64.remaining() >= 4 ? zip64.getInt() : -1;
            }
            if (startDisk != 0) {
                throw new ImageZipException(name, "starts on another disk of a split archive, which is not supported");
            }
            boolean looksLikeDirectory = name.endsWith("/");
            checkType(name, looksLikeDirectory, madeBy, external, extraBlock(name, extra, EXTRA_ASI_UNIX));
            EntryName parsed = EntryName.parse(name, limits.maxDepth());

            if (parsed.directory() && size != 0) {
                throw new ImageZipException(name, "is a folder but declares " + size + " bytes of content");
            }
            if (method == STORED && compressedSize != size) {
                throw new ImageZipException(name, "is stored uncompressed yet declares " + compressedSize + " bytes in the archive and "
                        + size + " unpacked; they must be equal");
            }
            if (size > limits.maxEntryBytes()) {
                throw new ImageZipException(name, "declares " + size + " bytes, more than the limit of " + limits.maxEntryBytes() + " per entry");
            }
            if (size > Limits.RATIO_FREE_BYTES && size > saturatingMultiply(compressedSize, limits.maxRatio())) {
                throw new ImageZipException(name, "would unpack " + size + " bytes from " + compressedSize + ", more than "
                        + limits.maxRatio() + " times its compressed size (a zip bomb?)");
            }
            total += size;
            if (total > limits.maxTotalBytes()) {
                throw new ImageZipException("archive declares more than " + limits.maxTotalBytes() + " bytes in all, the limit");
            }
            if (compressedSize > fileSize || headerOffset >= fileSize) {
                throw new ImageZipException(name, "points past the end of the archive (truncated or damaged)");
            }
            paths.add(parsed);
            entries.add(new Central(parsed, rawName, flags, method, crc, compressedSize, size, headerOffset));
        }
        if (in.position() != directory.end()) {
            throw new ImageZipException("the central directory holds " + (directory.end() - in.position())
                    + " bytes more than its " + directory.count() + " entries (damaged, or the entry count is wrong)");
        }
        if (total > Limits.RATIO_FREE_BYTES && total > saturatingMultiply(fileSize, limits.maxRatio())) {
            throw new ImageZipException("archive would unpack " + total + " bytes from a " + fileSize + "-byte file, more than "
                    + limits.maxRatio() + " times its size (a zip bomb?)");
        }
        return entries;
    }

    private enum Kind { FILE, FOLDER, IMPLIED_FOLDER }

    /**
     * The paths the archive will create, as a tree of segments (not a set of full paths, whose
     * prefixes would cost memory quadratic in the depth). It also counts the folders that names
     * only imply: "x1/a/a/.../a" and its 100,000 siblings would otherwise create millions of
     * folders from entries that each looked harmless.
     */
    private static final class Paths {
        private final Node root = new Node(Kind.FOLDER);
        private final int limit;
        private int count;

        Paths(int limit) {
            this.limit = limit;
        }

        private static final class Node {
            Kind kind;
            Map<String, Node> children;

            Node(Kind kind) {
                this.kind = kind;
            }
        }

        /**
         * Refuses duplicates and names that need one path to be both a file and a folder. Names
         * that differ only in case are allowed: Android trees hold such pairs, and where the file
         * system folds case, creating the second fails as a collision instead of overwriting the
         * first.
         */
        void add(EntryName entry) throws ImageZipException {
            List<String> segments = entry.segments();
            Node node = root;
            for (int i = 0; i < segments.size() - 1; i++) {
                Node child = child(node, segments.get(i), Kind.IMPLIED_FOLDER, entry);
                if (child.kind == Kind.FILE) {
                    throw new ImageZipException(entry.name(), "needs \"" + String.join("/", segments.subList(0, i + 1))
                            + "\" to be a folder, but another entry is a file of that name");
                }
                node = child;
            }
            Kind kind = entry.directory() ? Kind.FOLDER : Kind.FILE;
            Node existing = node.children == null ? null : node.children.get(segments.getLast());
            if (existing == null) {
                child(node, segments.getLast(), kind, entry);
            } else if (existing.kind == Kind.IMPLIED_FOLDER && kind == Kind.FOLDER) {
                existing.kind = Kind.FOLDER;
            } else if (existing.kind == Kind.IMPLIED_FOLDER) {
                throw new ImageZipException(entry.name(), "is a file, but other entries use it as a folder");
            } else if (existing.kind != kind) {
                throw new ImageZipException(entry.name(), "is both a file and a folder in this archive");
            } else {
                throw new ImageZipException(entry.name(), "appears twice in the archive");
            }
        }

        private Node child(Node parent, String segment, Kind kind, EntryName entry) throws ImageZipException {
            if (parent.children == null) {
                parent.children = new HashMap<>(4);
            }
            Node child = parent.children.get(segment);
            if (child == null) {
                if (++count > limit) {
                    throw new ImageZipException(entry.name(), "would make the archive create more than " + limit
                            + " files and folders (the entry limit, counting folders that names only imply)");
                }
                child = new Node(kind);
                parent.children.put(segment, child);
            }
            return child;
        }
    }

    /**
     * Only plain files and folders are extracted. The Unix mode in the upper half of the external
     * attributes is read whatever system the archive claims to come from, as Info-ZIP does, so a
     * link cannot slip through by naming another system; the ASi extra field and Windows' reparse
     * point attribute are the other places a link can be declared.
     */
    private static void checkType(String name, boolean folderName, int madeBy, long external, ByteBuffer asi)
            throws ImageZipException {
        int mode = (int) (external >>> 16);
        checkMode(name, folderName, mode);
        if (asi != null && asi.remaining() >= 6) {
            checkMode(name, folderName, asi.getShort(asi.position() + 4) & 0xFFFF);
        }
        int dos = (int) (external & 0xFFFF);
        if ((dos & WINDOWS_REPARSE_POINT) != 0 && (madeBy >>> 8) != 3) {
            throw new ImageZipException(name, "is a Windows reparse point (a link or junction); links are refused because they can point outside the target folder");
        }
        if ((dos & DOS_DIRECTORY) != 0 && !folderName && mode == 0) {
            throw new ImageZipException(name, "is marked as a folder but its name does not end with '/'");
        }
    }

    private static void checkMode(String name, boolean folderName, int mode) throws ImageZipException {
        if (mode == 0) {
            return;
        }
        switch (mode & S_IFMT) {
            case 0 -> {
                // Permission bits without a type: the name decides.
            }
            case S_IFREG -> {
                if (folderName) {
                    throw new ImageZipException(name, "is marked as a regular file but its name ends with '/' like a folder's");
                }
            }
            case S_IFDIR -> {
                if (!folderName) {
                    throw new ImageZipException(name, "is marked as a folder but its name does not end with '/'");
                }
            }
            case S_IFLNK -> throw new ImageZipException(name, "is a symbolic link; links are refused because they can point outside the target folder");
            case 0x2000 -> throw new ImageZipException(name, "is a character device, not a file or folder");
            case 0x6000 -> throw new ImageZipException(name, "is a block device, not a file or folder");
            case 0x1000 -> throw new ImageZipException(name, "is a named pipe, not a file or folder");
            case 0xC000 -> throw new ImageZipException(name, "is a socket, not a file or folder");
            default -> throw new ImageZipException(name, String.format("has an unknown file type (mode %06o), not a file or folder", mode));
        }
    }

    private static List<ZipEntryRecord> checkLayout(FileChannel channel, Directory directory, List<Central> entries)
            throws IOException {
        List<Central> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(Central::headerOffset));
        List<ZipEntryRecord> records = new ArrayList<>(byOffset.size());
        long expected = 0;
        for (Central entry : byOffset) {
            String name = entry.name().name();
            long at = entry.headerOffset();
            if (at < expected) {
                throw new ImageZipException(name, "overlaps the entry before it in the file; entries that share bytes are how some zip bombs multiply their data");
            }
            if (at > expected) {
                throw new ImageZipException(name, (at - expected) + " bytes before it belong to no entry (hidden data, or a self-extracting stub); refused so that every reader sees the same files");
            }
            if (at > directory.offset() - LOC_SIZE) {
                throw new ImageZipException(name, "its local header lies beyond the entries' area (truncated or damaged)");
            }
            ByteBuffer local = readAt(channel, at, LOC_SIZE, "a local header");
            if (local.getInt(0) != LOC_SIG) {
                throw new ImageZipException(name, "has no local header where the central directory says (damaged, or offsets shifted)");
            }
            int flags = u16(local, 6);
            int method = u16(local, 8);
            long crc = u32(local, 14);
            long compressedSize = u32(local, 18);
            long size = u32(local, 22);
            int nameLength = u16(local, 26);
            int extraLength = u16(local, 28);
            long dataOffset = at + LOC_SIZE + nameLength + extraLength;
            if (dataOffset > directory.offset()) {
                throw new ImageZipException(name, "its local header runs into the central directory (damaged)");
            }
            ByteBuffer variable = readAt(channel, at + LOC_SIZE, nameLength + extraLength, "a local header");
            byte[] localName = new byte[nameLength];
            variable.get(0, localName);
            byte[] extra = new byte[extraLength];
            variable.get(nameLength, extra);
            if (!Arrays.equals(localName, entry.rawName())) {
                throw new ImageZipException(name, "its local header gives a different name; the central directory and local headers disagree (forged?)");
            }
            if ((flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) != 0) {
                throw new ImageZipException(name, "is encrypted according to its local header, which is not supported");
            }
            if (method != entry.method()) {
                throw new ImageZipException(name, "its local header says compression method " + method + ", the central directory "
                        + entry.method() + "; they must agree");
            }
            boolean descriptor = (entry.flags() & FLAG_DESCRIPTOR) != 0;
            if (((flags & FLAG_DESCRIPTOR) != 0) != descriptor) {
                throw new ImageZipException(name, "its local header and the central directory disagree on whether a data descriptor follows");
            }
            checkType(name, entry.name().directory(), 0, 0, extraBlock(name, extra, EXTRA_ASI_UNIX));
            ByteBuffer zip64 = extraBlock(name, extra, EXTRA_ZIP64);
            if (size == MAGIC32 || compressedSize == MAGIC32) {
                if (zip64 == null || zip64.remaining() < 16) {
                    throw new ImageZipException(name, "its local header declares a zip64 size but has no complete zip64 field");
                }
                long size64 = zip64.getLong();
                long compressed64 = zip64.getLong();
                size = size == MAGIC32 ? size64 : size;
                compressedSize = compressedSize == MAGIC32 ? compressed64 : compressedSize;
            }
            boolean agrees = crc == entry.crc() && compressedSize == entry.compressedSize() && size == entry.size();
            // With a data descriptor the local header may hold zeros (the sizes were not known
            // when it was written); the descriptor itself is checked below.
            boolean deferred = descriptor && crc == 0 && compressedSize == 0 && size == 0;
            if (!agrees && !deferred) {
                throw new ImageZipException(name, "its local header and the central directory disagree on its size or CRC-32 (damaged or forged)");
            }
            long dataEnd = dataOffset + entry.compressedSize();
            if (dataEnd < dataOffset || dataEnd > directory.offset()) {
                throw new ImageZipException(name, "its data runs past the entries' area into the central directory (truncated or damaged)");
            }
            expected = descriptor ? dataEnd + checkDescriptor(channel, entry, dataEnd, directory.offset() - dataEnd, zip64 != null) : dataEnd;
            records.add(new ZipEntryRecord(entry.name(), entry.method(), entry.crc(), entry.compressedSize(), entry.size(), at, dataOffset));
        }
        if (expected != directory.offset()) {
            throw new ImageZipException((directory.offset() - expected) + " bytes between the last entry and the central directory belong to no entry; refused so that every reader sees the same files");
        }
        return records;
    }

    /**
     * Checks the data descriptor after an entry's data and returns its length. Its signature is
     * optional, and its sizes are 8 bytes when the entry is zip64 (marked in the local header, or
     * too large for 4 bytes, as Java's and Go's writers do it); each reading is tried and one must
     * match the central directory.
     */
    private static int checkDescriptor(FileChannel channel, Central entry, long at, long room, boolean zip64Local)
            throws IOException {
        String name = entry.name().name();
        boolean wide = zip64Local || entry.size() >= MAGIC32 || entry.compressedSize() >= MAGIC32;
        int length = wide ? 20 : 12;
        ByteBuffer bytes = readAt(channel, at, (int) Math.min(room, length + 4), "a data descriptor");
        for (int start : new int[] {4, 0}) {
            if (start == 4 && (bytes.limit() < 4 || bytes.getInt(0) != DESCRIPTOR_SIG)) {
                continue;
            }
            if (bytes.limit() < start + length) {
                continue;
            }
            long crc = u32(bytes, start);
            long compressedSize = wide ? bytes.getLong(start + 4) : u32(bytes, start + 4);
            long size = wide ? bytes.getLong(start + 12) : u32(bytes, start + 8);
            if (crc == entry.crc() && compressedSize == entry.compressedSize() && size == entry.size()) {
                return start + length;
            }
        }
        throw new ImageZipException(name, "its data descriptor is missing or disagrees with the central directory (damaged or forged)");
    }

    /** The data of extra block {@code id}, or null; malformed extra fields are refused. */
    private static ByteBuffer extraBlock(String name, byte[] extra, int id) throws ImageZipException {
        ByteBuffer found = null;
        int pos = 0;
        // Fewer than 4 trailing bytes are padding some aligners leave; they cannot hold a block.
        while (pos + 4 <= extra.length) {
            int blockId = (extra[pos] & 0xFF) | (extra[pos + 1] & 0xFF) << 8;
            int length = (extra[pos + 2] & 0xFF) | (extra[pos + 3] & 0xFF) << 8;
            if (pos + 4 + length > extra.length) {
                throw new ImageZipException(name, "has a malformed extra field (a block runs past its end)");
            }
            if (blockId == id) {
                if (found != null) {
                    throw new ImageZipException(name, String.format("has two extra blocks of type 0x%04x", id));
                }
                found = ByteBuffer.wrap(extra, pos + 4, length).slice().order(ByteOrder.LITTLE_ENDIAN);
            }
            pos += 4 + length;
        }
        return found;
    }

    private static long zip64Field(String name, ByteBuffer zip64, String what) throws ImageZipException {
        if (zip64 == null || zip64.remaining() < 8) {
            throw new ImageZipException(name, "declares a zip64 " + what + " but has no zip64 field holding it");
        }
        long value = zip64.getLong();
        if (value < 0) {
            throw new ImageZipException(name, "its zip64 " + what + " is beyond any real file (damaged)");
        }
        return value;
    }

    static long saturatingMultiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return high != 0 || low < 0 ? Long.MAX_VALUE : low;
    }

    private static ByteBuffer readAt(FileChannel channel, long at, int length, String what) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, at + buffer.position()) < 0) {
                throw new ImageZipException("archive ends inside " + what + " (truncated, or changed while reading)");
            }
        }
        return buffer.flip();
    }

    private static int u16(ByteBuffer b, int at) {
        return b.getShort(at) & 0xFFFF;
    }

    private static long u32(ByteBuffer b, int at) {
        return b.getInt(at) & 0xFFFFFFFFL;
    }

    /** Sequential reads through the central directory, never past its end. */
    private static final class Cursor {
        private final FileChannel channel;
        private final long end;
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 17).order(ByteOrder.LITTLE_ENDIAN).flip();
        private long next;

        Cursor(FileChannel channel, long start, long end) {
            this.channel = channel;
            this.next = start;
            this.end = end;
        }

        long position() {
            return next - buffer.remaining();
        }

        /** The next {@code n} bytes (n at most 64 KiB) as a little-endian buffer of their own. */
        ByteBuffer take(int n, String what) throws IOException {
            fill(n, what);
            ByteBuffer slice = buffer.slice(buffer.position(), n).order(ByteOrder.LITTLE_ENDIAN);
            buffer.position(buffer.position() + n);
            return slice;
        }

        byte[] bytes(int n, String what) throws IOException {
            fill(n, what);
            byte[] out = new byte[n];
            buffer.get(out);
            return out;
        }

        void skip(int n, String what) throws IOException {
            fill(n, what);
            buffer.position(buffer.position() + n);
        }

        private void fill(int n, String what) throws IOException {
            if (buffer.remaining() >= n) {
                return;
            }
            if (position() + n > end) {
                throw new ImageZipException("the central directory ends inside " + what + " (damaged, or the entry count is wrong)");
            }
            buffer.compact();
            while (buffer.position() < n) {
                int want = (int) Math.min(buffer.capacity() - buffer.position(), end - next);
                buffer.limit(buffer.position() + want);
                int read = channel.read(buffer, next);
                if (read < 0) {
                    throw new ImageZipException("archive ends inside the central directory (truncated, or changed while reading)");
                }
                next += read;
                buffer.limit(buffer.capacity());
            }
            buffer.flip();
        }
    }
}
