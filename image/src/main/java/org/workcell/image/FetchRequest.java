package org.workcell.image;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One image to fetch: its signed manifest, the key it must be signed with, what is installed now,
 * where its index comes from, where the payload goes, and local data that may already hold some
 * of its chunks.
 *
 * @param manifestToken the manifest as a compact JWS; nothing in it is read before its signature checks
 * @param imageKey      the server's image-signing key, as pinned at enrolment
 * @param policy        what is installed now, to refuse downgrades
 * @param index         where the image's index comes from
 * @param target        the payload file to create or replace; its folder must exist
 * @param seeds         payloads already on the device, each with its index, to copy matching chunks from
 * @param progress      receives progress reports
 */
public record FetchRequest(
        String manifestToken,
        PublicKey imageKey,
        FetchPolicy policy,
        IndexSource index,
        Path target,
        List<Seed> seeds,
        Progress.Listener progress) {

    /** Where the index comes from: a location in the fetch source, or bytes the caller already has. */
    public sealed interface IndexSource {
        /** A location resolved against the fetcher's source: a path in a store folder, or a URL. */
        static IndexSource at(String location) {
            return new Location(location);
        }

        static IndexSource of(byte[] bytes) {
            return new Content(bytes);
        }

        record Location(String location) implements IndexSource {
            public Location {
                if (location == null || location.isBlank()) {
                    throw new IllegalArgumentException("an index location is not blank");
                }
            }
        }

        record Content(byte[] bytes) implements IndexSource {
            public Content {
                bytes = bytes.clone();
            }

            @Override
            public byte[] bytes() {
                return bytes.clone();
            }

            @Override
            public boolean equals(Object o) {
                return o instanceof Content other && Arrays.equals(bytes, other.bytes);
            }

            @Override
            public int hashCode() {
                return Arrays.hashCode(bytes);
            }

            @Override
            public String toString() {
                return "Content[" + bytes.length + " bytes]";
            }
        }
    }

    /**
     * A payload on the device and the index that describes it: usually the image installed now,
     * whose unchanged chunks an update can copy instead of downloading. Every copied chunk is
     * checked against its id, so a seed that has changed since its index was made costs only time.
     */
    public record Seed(Path payload, ImageIndex index) {
        public Seed {
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(index, "index");
        }
    }

    public FetchRequest {
        Objects.requireNonNull(manifestToken, "manifestToken");
        Objects.requireNonNull(imageKey, "imageKey");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(target, "target");
        seeds = List.copyOf(Objects.requireNonNull(seeds, "seeds"));
        Objects.requireNonNull(progress, "progress");
        if (target.getFileName() == null) {
            throw new IllegalArgumentException("target must name a file: " + target);
        }
    }

    /** A request with no seeds and no progress reports. */
    public static FetchRequest of(String manifestToken, PublicKey imageKey, FetchPolicy policy, IndexSource index, Path target) {
        return new FetchRequest(manifestToken, imageKey, policy, index, target, List.of(), Progress.Listener.NONE);
    }

    public FetchRequest withPolicy(FetchPolicy policy) {
        return new FetchRequest(manifestToken, imageKey, policy, index, target, seeds, progress);
    }

    public FetchRequest withSeed(Path payload, ImageIndex index) {
        List<Seed> more = new ArrayList<>(seeds);
        more.add(new Seed(payload, index));
        return new FetchRequest(manifestToken, imageKey, policy, this.index, target, more, progress);
    }

    public FetchRequest withProgress(Progress.Listener progress) {
        return new FetchRequest(manifestToken, imageKey, policy, index, target, seeds, progress);
    }
}
