package org.workcell.image;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.workcell.core.crypto.Ed25519;

/**
 * A fetch in a process of its own, for {@link FetchResumeTest} to kill. Prints "written N" after
 * each chunk the fetch writes (no throttling), so the test knows what the journal holds.
 *
 * <p>Arguments: store URL, target file, file holding the manifest token, image key (base64url), parallelism.
 */
public final class FetchKillChild {
    private FetchKillChild() {}

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        Path target = Path.of(args[1]);
        String token = Files.readString(Path.of(args[2]));
        FetchOptions options = FetchOptions.DEFAULT.withParallelism(Integer.parseInt(args[4])).withProgressInterval(Duration.ZERO);
        try (FetchSource source = FetchSource.http(base, FetchSource.HttpOptions.DEFAULT);
             ImageFetcher fetcher = new ImageFetcher(source, FetchFixtures.DECODER, options)) {
            fetcher.fetch(FetchRequest.of(token, Ed25519.publicKeyFromBase64(args[3]), FetchPolicy.NOTHING_INSTALLED,
                            FetchRequest.IndexSource.at(FetchFixtures.INDEX_FILE), target)
                    .withProgress(p -> {
                        if (p.phase().equals("fetch")) {
                            System.out.println("written " + p.doneBytes());
                            System.out.flush();
                        }
                    }));
        }
        System.out.println("finished");
    }
}
