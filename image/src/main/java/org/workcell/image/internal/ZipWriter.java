package org.workcell.image.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.workcell.image.ImageZipException;

/**
 * A minimal zip writer for exports. The JDK's ZipOutputStream cannot say that an archive comes
 * from Unix, and Info-ZIP's unzip then ignores the UTF-8 flag and mangles non-ASCII names through
 * a DOS code page; it also cannot record file modes. This writer marks entries as Unix files
 * (mode 0644) and folders (0755), with a fixed time, and writes sizes into the local header after
 * the data (the file is seekable), so no data descriptors are needed and streaming readers get
 * every size up front. Zip64 fields appear only where a value needs them.
 */
final class ZipWriter {
    static final int STORED = 0;
    static final int DEFLATED = 8;
    static final long MAX_32 = 0xFFFFFFFFL;

    private static final int LOC_SIG = 0x04034b50;
    private static final int CEN_SIG = 0x02014b50;
    private static final int END_SIG = 0x06054b50;
    private static final int ZIP64_END_SIG = 0x06064b50;
    private static final int ZIP64_LOCATOR_SIG = 0x07064b50;
    private static final int FLAG_UTF8 = 1 << 11;
    private static final int UNIX = 3 << 8;
    private static final int FILE_MODE = 0100644;
    private static final int FOLDER_MODE = 040755;
    private static final int DOS_DIRECTORY = 0x10;
    /**
     * Every entry's time: 1980-02-01 00:00, as Gradle's reproducible archives use, so the same
     * tree gives the same bytes. Not the DOS epoch itself, which Java reads as "before 1980".
     */
    private static final int DOS_DATE = (2 << 5) | 1;
    private static final int DOS_TIME = 0;
    private static final int BUFFER = 1 << 16;

    private record Central(byte[] name, int flags, int method, long crc, long compressedSize, long size, long offset,
            boolean folder, boolean zip64Local) {}

    /** What was written for one file. */
    record Written(long compressedSize, long crc) {}

    private final FileChannel channel;
    private final OutputStream out;
    private final long zip64Threshold;
    private final List<Central> central = new ArrayList<>();
    private final byte[] input = new byte[BUFFER];
    private final byte[] output = new byte[BUFFER];
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final CRC32 crc = new CRC32();
    private long position;

    /**
     * @param zip64Threshold values from this size up are written as zip64 fields; 0xFFFFFFFF in
     *                       use, lower in tests so that small archives exercise the zip64 paths
     */
    ZipWriter(FileChannel channel, long zip64Threshold) throws IOException {
        this.channel = channel;
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER);
        this.zip64Threshold = Math.min(zip64Threshold, MAX_32);
        this.position = channel.position();
    }

    void folder(String name) throws IOException {
        byte[] raw = name.getBytes(StandardCharsets.UTF_8);
        long offset = position;
        writeLocalHeader(raw, flags(name), STORED, 0, 0, 0, false);
        central.add(new Central(raw, flags(name), STORED, 0, 0, 0, offset, true, false));
    }

    /** Writes {@code size} bytes from {@code in}; fewer or more is an error (the file changed). */
    Written file(String name, InputStream in, long size, int method) throws IOException {
        byte[] raw = name.getBytes(StandardCharsets.UTF_8);
        long offset = position;
        // Whether the local header needs zip64 fields must be known before the data is written:
        // reserve them if the data could reach the threshold (deflate can grow data slightly).
        long largest = method == STORED ? size : size + (size >>> 12) + (size >>> 14) + (size >>> 25) + 64;
        boolean zip64 = largest >= zip64Threshold;
        writeLocalHeader(raw, flags(name), method, 0, 0, 0, zip64);
        long dataStart = position;
        crc.reset();
        long read = 0;
        if (method == DEFLATED) {
            deflater.reset();
        }
        for (int n; (n = in.read(input)) > 0; ) {
            read += n;
            if (read > size) {
                throw changed(name);
            }
            crc.update(input, 0, n);
            if (method == STORED) {
                write(input, 0, n);
            } else {
                deflater.setInput(input, 0, n);
                while (!deflater.needsInput()) {
                    write(output, 0, deflater.deflate(output));
                }
            }
        }
        if (read != size) {
            throw changed(name);
        }
        if (method == DEFLATED) {
            deflater.finish();
            while (!deflater.finished()) {
                write(output, 0, deflater.deflate(output));
            }
        }
        long compressedSize = position - dataStart;
        if (!zip64 && (compressedSize >= zip64Threshold || size >= zip64Threshold)) {
            throw new IllegalStateException("deflate grew " + size + " bytes past its bound to " + compressedSize);
        }
        // Sizes and CRC go into the local header now that they are known.
        out.flush();
        ByteBuffer patch = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        patch.putInt((int) crc.getValue()).putInt((int) (zip64 ? MAX_32 : compressedSize)).putInt((int) (zip64 ? MAX_32 : size)).flip();
        writeAt(patch, offset + 14);
        if (zip64) {
            ByteBuffer sizes = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(size).putLong(compressedSize).flip();
            writeAt(sizes, offset + 30 + raw.length + 4);
        }
        central.add(new Central(raw, flags(name), method, crc.getValue(), compressedSize, size, offset, false, zip64));
        return new Written(compressedSize, crc.getValue());
    }

    /** How many entries are written; {@link #rewind} goes back to such a count. */
    int entries() {
        return central.size();
    }

    /** Drops the entries written since {@code entries} was {@code mark}, file bytes included. */
    void rewind(int mark) throws IOException {
        out.flush();
        long to = central.get(mark).offset();
        central.subList(mark, central.size()).clear();
        channel.truncate(to);
        channel.position(to);
        position = to;
    }

    /** Writes the central directory and end records; the channel is left open. */
    void finish() throws IOException {
        deflater.end();
        long directoryOffset = position;
        for (Central e : central) {
            boolean bigSize = e.size() >= zip64Threshold;
            boolean bigCompressed = e.compressedSize() >= zip64Threshold;
            boolean bigOffset = e.offset() >= zip64Threshold;
            int extraLength = (bigSize ? 8 : 0) + (bigCompressed ? 8 : 0) + (bigOffset ? 8 : 0);
            boolean zip64 = extraLength > 0 || e.zip64Local();
            int version = zip64 ? 45 : 20;
            ByteBuffer b = ByteBuffer.allocate(46 + e.name().length + (extraLength > 0 ? 4 + extraLength : 0)).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(CEN_SIG).putShort((short) (UNIX | version)).putShort((short) version).putShort((short) e.flags())
                    .putShort((short) e.method()).putShort((short) DOS_TIME).putShort((short) DOS_DATE).putInt((int) e.crc())
                    .putInt((int) (bigCompressed ? MAX_32 : e.compressedSize())).putInt((int) (bigSize ? MAX_32 : e.size()))
                    .putShort((short) e.name().length).putShort((short) (extraLength > 0 ? 4 + extraLength : 0))
                    .putShort((short) 0).putShort((short) 0).putShort((short) 0)
                    .putInt(e.folder() ? FOLDER_MODE << 16 | DOS_DIRECTORY : FILE_MODE << 16)
                    .putInt((int) (bigOffset ? MAX_32 : e.offset())).put(e.name());
            if (extraLength > 0) {
                b.putShort((short) 1).putShort((short) extraLength);
                if (bigSize) {
                    b.putLong(e.size());
                }
                if (bigCompressed) {
                    b.putLong(e.compressedSize());
                }
                if (bigOffset) {
                    b.putLong(e.offset());
                }
            }
            write(b.array(), 0, b.position());
        }
        long directorySize = position - directoryOffset;
        long count = central.size();
        boolean zip64 = count >= Math.min(0xFFFF, zip64Threshold) || directorySize >= zip64Threshold || directoryOffset >= zip64Threshold;
        if (zip64) {
            long recordOffset = position;
            ByteBuffer b = ByteBuffer.allocate(56 + 20).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(ZIP64_END_SIG).putLong(44).putShort((short) (UNIX | 45)).putShort((short) 45).putInt(0).putInt(0)
                    .putLong(count).putLong(count).putLong(directorySize).putLong(directoryOffset);
            b.putInt(ZIP64_LOCATOR_SIG).putInt(0).putLong(recordOffset).putInt(1);
            write(b.array(), 0, b.position());
        }
        ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
        end.putInt(END_SIG).putShort((short) 0).putShort((short) 0)
                .putShort((short) (zip64 ? 0xFFFF : count)).putShort((short) (zip64 ? 0xFFFF : count))
                .putInt((int) (zip64 ? MAX_32 : directorySize)).putInt((int) (zip64 ? MAX_32 : directoryOffset)).putShort((short) 0);
        write(end.array(), 0, end.position());
        out.flush();
    }

    /** Deflater memory is native; released here if {@link #finish} was never reached. */
    void abandon() {
        deflater.end();
    }

    private void writeLocalHeader(byte[] name, int flags, int method, long crc, long compressedSize, long size, boolean zip64)
            throws IOException {
        ByteBuffer b = ByteBuffer.allocate(30 + name.length + (zip64 ? 20 : 0)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(LOC_SIG).putShort((short) (zip64 ? 45 : 20)).putShort((short) flags).putShort((short) method)
                .putShort((short) DOS_TIME).putShort((short) DOS_DATE).putInt((int) crc)
                .putInt((int) (zip64 ? MAX_32 : compressedSize)).putInt((int) (zip64 ? MAX_32 : size))
                .putShort((short) name.length).putShort((short) (zip64 ? 20 : 0)).put(name);
        if (zip64) {
            b.putShort((short) 1).putShort((short) 16).putLong(size).putLong(compressedSize);
        }
        write(b.array(), 0, b.position());
    }

    /** The UTF-8 flag only where it matters, as Info-ZIP sets it: plain ASCII names need none. */
    private static int flags(String name) {
        return name.chars().allMatch(c -> c < 0x80) ? 0 : FLAG_UTF8;
    }

    private void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        position += length;
    }

    private void writeAt(ByteBuffer bytes, long at) throws IOException {
        while (bytes.hasRemaining()) {
            at += channel.write(bytes, at);
        }
    }

    private static ImageZipException changed(String name) {
        return new ImageZipException(name, "changed while being exported; export a tree nothing else is writing to");
    }
}
