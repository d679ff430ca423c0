package org.workcell.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.workcell.image.RawZip.Entry;

/**
 * Damaged zips: whatever a mutation does, extraction either yields a tree of plain files and
 * folders inside the target, or fails with an IOException and leaves nothing behind. Any other
 * exception, a link, or a file outside the target fails the property.
 */
class ImageZipFuzzProperties {
    private static Path base;
    private static byte[] exported;
    private static byte[] raw;
    private static final AtomicInteger TRIES = new AtomicInteger();

    @BeforeContainer
    static void makeZips() throws IOException {
        base = Files.createTempDirectory("imagezip-fuzz");
        Path tree = Files.createDirectories(base.resolve("tree/apps/empty"));
        Files.writeString(tree.resolveSibling("mail.jar"), "a jar, deflated ".repeat(20));
        Files.write(base.resolve("tree/zeros.img"), new byte[20_000]);
        Files.writeString(base.resolve("tree/phone.json"), "{\"width\":1080}");
        Files.writeString(base.resolve("tree/empty"), "");
        Path zip = base.resolve("exported.zip");
        ImageZip.export(base.resolve("tree"), zip);
        exported = Files.readAllBytes(zip);
        Trees.delete(base.resolve("tree"));
        Files.delete(zip);

        Entry descriptor = RawZip.deflated("d/deflated", "described later ".repeat(10).getBytes(StandardCharsets.US_ASCII)).descriptor(true);
        Entry wide = RawZip.stored("d/wide", "zip64 fields");
        wide.zip64 = true;
        var rawZip = RawZip.of(RawZip.folder("d/"), RawZip.stored("d/stored", "plain"), descriptor, wide);
        rawZip.zip64End = true;
        raw = rawZip.build();
    }

    @AfterContainer
    static void removeFolder() {
        Trees.delete(base);
    }

    /** One change to the bytes; positions wrap around the current length. */
    record Mutation(int kind, int position, int value, int length) {
        private static final long[] INTERESTING = {0, 1, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL, 30, 46};

        byte[] apply(byte[] in) {
            int at = in.length == 0 ? 0 : Math.floorMod(position, in.length);
            return switch (kind) {
                case 0 -> with(in, at, b -> (byte) (b ^ (1 << (value & 7))));
                case 1 -> with(in, at, b -> (byte) value);
                case 2 -> splice(in, at, 0, randomBytes());
                case 3 -> splice(in, at, Math.min(length, in.length - at), new byte[0]);
                case 4 -> Arrays.copyOf(in, at);
                case 5 -> little(in, at, INTERESTING[Math.floorMod(value, INTERESTING.length)], 2);
                case 6 -> little(in, at, INTERESTING[Math.floorMod(value, INTERESTING.length)], 4);
                default -> splice(in, in.length, 0, randomBytes());
            };
        }

        private byte[] randomBytes() {
            byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++) {
                bytes[i] = (byte) (value * 31 + i * 17);
            }
            return bytes;
        }

        private static byte[] with(byte[] in, int at, java.util.function.IntFunction<Byte> change) {
            if (in.length == 0) {
                return in;
            }
            byte[] out = in.clone();
            out[at] = change.apply(out[at]);
            return out;
        }

        private static byte[] little(byte[] in, int at, long v, int width) {
            byte[] out = in.clone();
            for (int i = 0; i < width && at + i < out.length; i++) {
                out[at + i] = (byte) (v >>> (8 * i));
            }
            return out;
        }

        private static byte[] splice(byte[] in, int at, int remove, byte[] insert) {
            byte[] out = new byte[in.length - remove + insert.length];
            System.arraycopy(in, 0, out, 0, at);
            System.arraycopy(insert, 0, out, at, insert.length);
            System.arraycopy(in, at + remove, out, at + insert.length, in.length - at - remove);
            return out;
        }
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> one = Combinators.combine(
                Arbitraries.integers().between(0, 7),
                Arbitraries.integers().between(0, 100_000),
                Arbitraries.integers(),
                Arbitraries.integers().between(1, 8)).as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = 1000)
    void aDamagedExportedZipNeverEscapesNorLeavesDebris(@ForAll("mutations") List<Mutation> mutations) throws IOException {
        check(exported, mutations);
    }

    @Property(tries = 1000)
    void aDamagedZip64ZipWithDescriptorsNeverEscapesNorLeavesDebris(@ForAll("mutations") List<Mutation> mutations) throws IOException {
        check(raw, mutations);
    }

    private static void check(byte[] valid, List<Mutation> mutations) throws IOException {
        byte[] bytes = valid;
        for (Mutation m : mutations) {
            bytes = m.apply(bytes);
        }
        Path work = Files.createDirectory(base.resolve("try" + TRIES.incrementAndGet()));
        try {
            Path zip = Files.write(work.resolve("in.zip"), bytes);
            Path sandbox = Files.createDirectory(work.resolve("sandbox"));
            Path target = sandbox.resolve("image");
            boolean extracted;
            try {
                ImageZip.extract(zip, target);
                extracted = true;
            } catch (IOException e) {
                // Anything but an IOException propagates and fails the property. Damage is bad
                // input, so it must also be reported as such, not as some I/O error.
                assertThat(e).isInstanceOf(ImageZipException.class);
                assertThat(e.getMessage()).isNotBlank();
                extracted = false;
            }
            Statistics.collect(extracted ? "extracted" : "refused");
            try (Stream<Path> top = Files.list(work)) {
                assertThat(top.toList()).containsExactlyInAnyOrder(zip, sandbox);
            }
            try (Stream<Path> inSandbox = Files.list(sandbox)) {
                assertThat(inSandbox.toList()).isEqualTo(extracted ? List.of(target) : List.of());
            }
            if (extracted) {
                Path real = target.toRealPath();
                try (Stream<Path> walk = Files.walk(target)) {
                    for (Path p : walk.toList()) {
                        assertThat(Files.isSymbolicLink(p)).as("link %s", p).isFalse();
                        assertThat(Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).isTrue();
                        assertThat(p.toRealPath()).startsWith(real);
                    }
                }
            }
        } finally {
            Trees.delete(work);
        }
    }
}
