package org.workcell.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** A chunk's identity: the SHA-256 of its uncompressed bytes, as casync names chunks. */
public final class ChunkId implements Comparable<ChunkId> {
    public static final int BYTES = 32;
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] digest;
    private final int hash;

    private ChunkId(byte[] digest) {
        this.digest = digest;
        this.hash = Arrays.hashCode(digest);
    }

    public static ChunkId of(byte[] digest) {
        if (digest == null || digest.length != BYTES) {
            throw new IllegalArgumentException("a chunk id is 32 bytes");
        }
        return new ChunkId(digest.clone());
    }

    /** Parses 64 lower-case hex digits; anything else is an IllegalArgumentException. */
    public static ChunkId parse(String hex) {
        if (hex == null || hex.length() != BYTES * 2 || !hex.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
            throw new IllegalArgumentException("a chunk id is 64 lower-case hex digits");
        }
        return new ChunkId(HEX.parseHex(hex));
    }

    public static ChunkId hash(byte[] data, int offset, int length) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(data, offset, length);
            return new ChunkId(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] bytes() {
        return digest.clone();
    }

    public String hex() {
        return HEX.formatHex(digest);
    }

    /** Where casync keeps the chunk in a store: {@code xxxx/<id>.cacnk}, by its first four hex digits. */
    public String storePath() {
        String hex = hex();
        return hex.substring(0, 4) + "/" + hex + ".cacnk";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChunkId other && Arrays.equals(digest, other.digest);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(ChunkId o) {
        return Arrays.compareUnsigned(digest, o.digest);
    }

    @Override
    public String toString() {
        return hex();
    }
}
