package org.workcell.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes zips byte by byte, so tests can make the ones no zip library would: names with "..",
 * symlink modes, lying sizes, local headers that contradict the central directory, overlaps.
 * Every field a test may want to forge is a public mutable field; the defaults give a valid zip.
 */
final class RawZip {
    static final int LOC_SIG = 0x04034b50;
    static final int CEN_SIG = 0x02014b50;
    static final int END_SIG = 0x06054b50;
    static final int DESCRIPTOR_SIG = 0x08074b50;
    static final long MAGIC32 = 0xFFFFFFFFL;
    static final int UNIX = 3 << 8 | 20;

    /** One entry; null overrides mean "same as the honest value". */
    static final class Entry {
        byte[] name;
        byte[] localName;
        int method;
        int flags;
        long crc;
        long compressedSize;
        long size;
        byte[] data = new byte[0];
        int madeBy = 20;
        long external;
        byte[] localExtra = new byte[0];
        byte[] centralExtra = new byte[0];
        Long localCrc;
        Long localCompressedSize;
        Long localSize;
        Integer localMethod;
        Integer localFlags;
        /** Bytes written right after the data (a data descriptor, or junk). */
        byte[] trailer = new byte[0];
        /** The header offset the central directory states, instead of the real one. */
        Long centralOffset;
        /** Writes sizes and offset as zip64 extra fields (values 0xFFFFFFFF in the headers). */
        boolean zip64;

        Entry name(String value) {
            name = value.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        Entry unixMode(int mode) {
            madeBy = UNIX;
            external = (long) mode << 16;
            return this;
        }

        /** Moves CRC and sizes to a data descriptor after the data, zeros in the local header. */
        Entry descriptor(boolean signature) {
            flags |= 8;
            localCrc = 0L;
            localCompressedSize = 0L;
            localSize = 0L;
            var out = new ByteArrayOutputStream();
            if (signature) {
                int32(out, DESCRIPTOR_SIG);
            }
            int32(out, crc);
            if (zip64) {
                int64(out, compressedSize);
                int64(out, size);
            } else {
                int32(out, compressedSize);
                int32(out, size);
            }
            trailer = out.toByteArray();
            return this;
        }
    }

    final List<Entry> entries = new ArrayList<>();
    byte[] prefix = new byte[0];
    /** Bytes between the last entry and the central directory. */
    byte[] beforeDirectory = new byte[0];
    byte[] comment = new byte[0];
    Long count;
    Long directorySize;
    Long directoryOffset;
    int disk;
    /** Writes a zip64 end record and locator, with magic values in the classic end record. */
    boolean zip64End;
    /** Bytes after the end record (not part of its comment). */
    byte[] suffix = new byte[0];

    static Entry stored(String name, byte[] content) {
        Entry e = new Entry().name(name);
        e.method = 0;
        e.data = content.clone();
        e.crc = crc(content);
        e.size = content.length;
        e.compressedSize = content.length;
        return e;
    }

    static Entry stored(String name, String content) {
        return stored(name, content.getBytes(StandardCharsets.UTF_8));
    }

    static Entry deflated(String name, byte[] content) {
        Entry e = new Entry().name(name);
        e.method = 8;
        e.data = deflate(content);
        e.crc = crc(content);
        e.size = content.length;
        e.compressedSize = e.data.length;
        return e;
    }

    static Entry folder(String name) {
        return stored(name, new byte[0]);
    }

    RawZip add(Entry... more) {
        entries.addAll(Arrays.asList(more));
        return this;
    }

    static RawZip of(Entry... entries) {
        return new RawZip().add(entries);
    }

    byte[] build() {
        var out = new ByteArrayOutputStream();
        out.writeBytes(prefix);
        long[] offsets = new long[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            offsets[i] = out.size();
            byte[] localName = e.localName != null ? e.localName : e.name;
            long localCompressed = e.localCompressedSize != null ? e.localCompressedSize : e.compressedSize;
            long localSize = e.localSize != null ? e.localSize : e.size;
            byte[] extra = e.localExtra;
            if (e.zip64) {
                extra = concat(zip64Extra(localSize, localCompressed, null), extra);
                localCompressed = MAGIC32;
                localSize = MAGIC32;
            }
            int32(out, LOC_SIG);
            int16(out, e.zip64 ? 45 : 20);
            int16(out, e.localFlags != null ? e.localFlags : e.flags);
            int16(out, e.localMethod != null ? e.localMethod : e.method);
            int16(out, 0);
            int16(out, 0x21);
            int32(out, e.localCrc != null ? e.localCrc : e.crc);
            int32(out, localCompressed);
            int32(out, localSize);
            int16(out, localName.length);
            int16(out, extra.length);
            out.writeBytes(localName);
            out.writeBytes(extra);
            out.writeBytes(e.data);
            out.writeBytes(e.trailer);
        }
        out.writeBytes(beforeDirectory);
        long directoryStart = out.size();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            long offset = e.centralOffset != null ? e.centralOffset : offsets[i];
            long compressed = e.compressedSize;
            long size = e.size;
            byte[] extra = e.centralExtra;
            if (e.zip64) {
                extra = concat(zip64Extra(size, compressed, offset), extra);
                compressed = MAGIC32;
                size = MAGIC32;
                offset = MAGIC32;
            }
            int32(out, CEN_SIG);
            int16(out, e.madeBy);
            int16(out, e.zip64 ? 45 : 20);
            int16(out, e.flags);
            int16(out, e.method);
            int16(out, 0);
            int16(out, 0x21);
            int32(out, e.crc);
            int32(out, compressed);
            int32(out, size);
            int16(out, e.name.length);
            int16(out, extra.length);
            int16(out, 0);
            int16(out, 0);
            int16(out, 0);
            int32(out, e.external);
            int32(out, offset);
            out.writeBytes(e.name);
            out.writeBytes(extra);
        }
        long directoryEnd = out.size();
        long n = count != null ? count : entries.size();
        long cdSize = directorySize != null ? directorySize : directoryEnd - directoryStart;
        long cdOffset = directoryOffset != null ? directoryOffset : directoryStart;
        if (zip64End) {
            int32(out, 0x06064b50);
            int64(out, 44);
            int16(out, 45);
            int16(out, 45);
            int32(out, disk);
            int32(out, disk);
            int64(out, n);
            int64(out, n);
            int64(out, cdSize);
            int64(out, cdOffset);
            int32(out, 0x07064b50);
            int32(out, 0);
            int64(out, directoryEnd);
            int32(out, 1);
        }
        int32(out, END_SIG);
        int16(out, zip64End ? 0xFFFF : disk);
        int16(out, zip64End ? 0xFFFF : disk);
        int16(out, zip64End ? 0xFFFF : (int) n);
        int16(out, zip64End ? 0xFFFF : (int) n);
        int32(out, zip64End ? MAGIC32 : cdSize);
        int32(out, zip64End ? MAGIC32 : cdOffset);
        int16(out, comment.length);
        out.writeBytes(comment);
        out.writeBytes(suffix);
        return out.toByteArray();
    }

    static byte[] zip64Extra(long size, long compressed, Long offset) {
        var out = new ByteArrayOutputStream();
        int16(out, 1);
        int16(out, offset == null ? 16 : 24);
        int64(out, size);
        int64(out, compressed);
        if (offset != null) {
            int64(out, offset);
        }
        return out.toByteArray();
    }

    /** An Info-ZIP "ASi Unix" extra block carrying {@code mode}. */
    static byte[] asiExtra(int mode) {
        var out = new ByteArrayOutputStream();
        int16(out, 0x756e);
        int16(out, 14);
        int32(out, 0);
        int16(out, mode);
        int32(out, 0);
        int16(out, 0);
        int16(out, 0);
        return out.toByteArray();
    }

    static long crc(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return crc.getValue();
    }

    static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(data);
        deflater.finish();
        var out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static void int16(ByteArrayOutputStream out, int v) {
        out.write(v & 0xFF);
        out.write(v >>> 8 & 0xFF);
    }

    static void int32(ByteArrayOutputStream out, long v) {
        int16(out, (int) (v & 0xFFFF));
        int16(out, (int) (v >>> 16 & 0xFFFF));
    }

    static void int64(ByteArrayOutputStream out, long v) {
        int32(out, v & 0xFFFFFFFFL);
        int32(out, v >>> 32);
    }
}
