package org.workcell.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workcell.image.ImageZip.Limits;
import org.workcell.image.RawZip.Entry;

/**
 * A deflate bomb (1 GiB of zeros in about 1 MiB) is stopped before it costs disk: what the
 * process wrote and read is measured by the kernel (/proc/self/io), not inferred from timing.
 */
class ImageZipBombTest {
    private static final long GIB = 1L << 30;
    /** Room for what else the JVM writes meanwhile (the test runner's reports go through a pipe). */
    private static final long SLACK = 1L << 20;

    private static byte[] bomb;
    private static long bombCrc;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeBomb() {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        byte[] zeros = new byte[1 << 20];
        byte[] out = new byte[1 << 16];
        var compressed = new ByteArrayOutputStream();
        CRC32 crc = new CRC32();
        for (long done = 0; done < GIB; done += zeros.length) {
            crc.update(zeros);
            deflater.setInput(zeros);
            while (!deflater.needsInput()) {
                compressed.write(out, 0, deflater.deflate(out));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            compressed.write(out, 0, deflater.deflate(out));
        }
        deflater.end();
        bomb = compressed.toByteArray();
        bombCrc = crc.getValue();
    }

    private Entry bombEntry(long declaredSize) {
        Entry e = new Entry().name("payload.img");
        e.method = 8;
        e.data = bomb;
        e.compressedSize = bomb.length;
        e.size = declaredSize;
        e.crc = bombCrc;
        return e;
    }

    /** Runs a refused extraction and returns {bytes written, bytes read} by this process meanwhile. */
    private long[] refusedIo(RawZip zip, Limits limits, String fragment) throws IOException {
        Path file = Files.write(dir.resolve("bomb.zip"), zip.build());
        Path sandbox = Files.createDirectories(dir.resolve("sandbox"));
        // Warm up: classes loaded and code compiled before measuring.
        ImageZip.extract(Files.write(dir.resolve("small.zip"), RawZip.of(RawZip.stored("a", "b")).build()), dir.resolve("warm"));
        long[] before = Trees.processIo();
        Assumptions.assumeTrue(before[0] >= 0, "needs /proc/self/io");
        Throwable thrown = catchThrowable(() -> ImageZip.extract(file, sandbox.resolve("image"), limits));
        long[] after = Trees.processIo();
        assertThat(thrown).isInstanceOf(ImageZipException.class).hasMessageContaining(fragment);
        assertThat(sandbox).isEmptyDirectory();
        return new long[] {after[0] - before[0], after[1] - before[1]};
    }

    @Test
    void theBombIsSmallAndReallyHoldsAGibibyte() throws Exception {
        assertThat(bomb.length).isLessThan(2 << 20);
        Inflater inflater = new Inflater(true);
        inflater.setInput(bomb);
        byte[] out = new byte[1 << 20];
        long total = 0;
        while (!inflater.finished()) {
            total += inflater.inflate(out);
        }
        inflater.end();
        assertThat(total).isEqualTo(GIB);
    }

    @Test
    void aBombThatDeclaresItsSizeIsRefusedBeforeAnyDataIsRead() throws IOException {
        long[] io = refusedIo(RawZip.of(bombEntry(GIB)), Limits.DEFAULTS, "more than 200 times its compressed size");
        assertThat(io[0]).as("bytes written").isLessThan(SLACK);
        assertThat(io[1]).as("bytes read: the end of the file only, not the compressed data").isLessThan(bomb.length / 2);
    }

    @Test
    void aBombThatUnderstatesItsSizeIsStoppedAtTheDeclaredSize() throws IOException {
        long[] io = refusedIo(RawZip.of(bombEntry(1 << 20)), Limits.DEFAULTS, "more than the 1048576 bytes it declares");
        assertThat(io[0]).as("bytes written").isLessThan((1 << 20) + SLACK);
    }

    @Test
    void aBombInADataDescriptorEntryIsStoppedTheSameWay() throws IOException {
        Entry e = bombEntry(3 << 20);
        e.descriptor(true);
        long[] io = refusedIo(RawZip.of(e), Limits.DEFAULTS, "more than the 3145728 bytes it declares");
        assertThat(io[0]).as("bytes written").isLessThan((3 << 20) + SLACK);
    }

    @Test
    void withGenerousRatioTheEntryLimitStopsIt() throws IOException {
        Limits generous = new Limits(10, 64L << 20, 32L << 20, 100_000, 8);
        long[] io = refusedIo(RawZip.of(bombEntry(GIB)), generous, "more than the limit of 33554432 per entry");
        assertThat(io[0]).as("bytes written").isLessThan(SLACK);
    }
}
