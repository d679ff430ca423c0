package org.workcell.image;

/**
 * Content-defined chunking bounds, in bytes. The defaults are casync's (16/64/256 KiB), which
 * casync writes into every index it makes and checks when it reads one.
 */
public record ChunkerParams(int min, int avg, int max) {
    public static final ChunkerParams DEFAULT = new ChunkerParams(16 * 1024, 64 * 1024, 256 * 1024);

    public ChunkerParams {
        if (min < 64 || avg < min || max < avg || max > 64 * 1024 * 1024 || Integer.bitCount(avg) != 1) {
            throw new IllegalArgumentException("chunk sizes must satisfy 64 <= min <= avg <= max <= 64 MiB, avg a power of two");
        }
    }
}
